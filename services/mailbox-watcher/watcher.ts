import { ImapFlow } from 'imapflow';
import type { MailboxConfig } from '../../src/config.js';
import type { MailboxPosition, MailboxPositions } from '../../src/emails/mailbox-positions.js';
import type { WatcherHeartbeatStore } from '../../src/health/watcher-heartbeat.js';
import type { Logger } from '../../src/logger.js';
import { classifyImapFailure, type AuthFailure } from '../../src/mail-auth/auth-failure.js';
import type { AuthHealthStore } from '../../src/mail-auth/auth-health.js';
import { backoffDelay, TEMPORARY_RETRY_MAX_MS } from '../../src/mail-auth/backoff.js';
import type { ImapAuth } from '../../src/mail-auth/token-sources.js';
import type { MetricsCounters } from '../../src/metrics/counters.js';
import { prepareFolders } from './folders.js';
import { listMessages } from './mailbox-listing.js';
import type { Pickup } from './pickup.js';

export interface WatcherDeps {
  mailbox: MailboxConfig;
  /** How far each mailbox has been read, so a scan fetches only what is new. */
  positions: MailboxPositions;
  pickup: Pickup;
  heartbeat: WatcherHeartbeatStore;
  /** The login for one connection: a password, or a token (a new one when `renew`, after a refusal). */
  login: (renew: boolean) => Promise<ImapAuth>;
  authHealth: AuthHealthStore;
  metrics: MetricsCounters;
  logger: Logger;
}

// A session renewed for a new token hands over to the next one; the old one logs out once quiet this long.
const HANDOVER_QUIET_MS = 1_000;
const HANDOVER_MAX_MS = 30_000;
// How long after its last command imapflow re-enters IDLE; its default of 15 s would leave new mail unseen.
const AUTO_IDLE_DELAY_MS = 20;
const MAX_IDLE_MS = 5 * 60_000;

/**
 * Watches one mailbox: IDLE for instant pickup, a periodic full scan as the fallback (and for servers without
 * IDLE), reconnection with backoff and jitter. Scans never overlap; a request during a scan runs after it.
 */
export class MailboxWatcher {
  private client: ImapFlow | null = null;
  private stopping = false;
  private reconnectAttempt = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private renewTimer: NodeJS.Timeout | undefined;
  /** Replaced sessions still finishing what they hold (see renewSession). */
  private readonly retiring = new Set<ImapFlow>();
  private sentFolder: string;
  private pollTimer: NodeJS.Timeout | undefined;
  private scanRequested: 'none' | 'new' | 'full' = 'none';
  /** When the server first told us of mail not yet scanned: the start of our part of the pickup time. */
  private noticedAt: number | null = null;
  private scanning: Promise<void> | null = null;
  /** The position this watcher last read or wrote: the next scan of new mail starts its FETCH there. */
  private position: MailboxPosition | null = null;

  constructor(private readonly deps: WatcherDeps) {
    this.sentFolder = deps.mailbox.folders.sent;
  }

  /** The open connection, for the filing worker; null while disconnected. */
  get connection(): ImapFlow | null {
    return this.client?.usable ? this.client : null;
  }

  /** The Sent folder: the one the server flags \Sent (Exchange's "Sent Items"), unless FOLDER_SENT names one. */
  get sentFolderPath(): string {
    return this.sentFolder;
  }

  async start(): Promise<void> {
    this.stopping = false;
    await this.connect().catch((error) => this.scheduleReconnect(error));
  }

  /** Stops picking up new email; the connection stays open so filing in progress can finish. */
  async stopWatching(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.renewTimer);
    clearInterval(this.pollTimer);
    await this.scanning;
  }

  async disconnect(): Promise<void> {
    await this.stopWatching();
    // A session being handed over is not waited for: shutdown must not sit out its quiet period.
    for (const retiring of this.retiring) retiring.close();
    this.retiring.clear();
    const client = this.client;
    this.client = null;
    if (client?.usable) await client.logout().catch(() => client.close());
    await this.deps.heartbeat.disconnected().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const { mailbox, logger } = this.deps;
    const { client, renewAt } = await this.openSession();
    if (this.stopping) {
      await client.logout();
      return;
    }
    this.client = client;
    this.reconnectAttempt = 0;
    this.armRenewal(renewAt);
    await this.deps.heartbeat.contact(true);
    logger.info({ mailbox: mailbox.mailbox }, 'watching mailbox');
    clearInterval(this.pollTimer);
    this.pollTimer = setInterval(() => this.requestScan('full'), mailbox.pollIntervalMs);
    // Catch up on everything that arrived while disconnected, and on emails a crash left half-way.
    this.requestScan('full');
  }

  /** Logs in, makes the folders, opens the inbox. A refused token is renewed and tried once more. */
  private async openSession(): Promise<{ client: ImapFlow; renewAt: number | null }> {
    try {
      return await this.login(false);
    } catch (error) {
      const failure = classifyImapFailure(error);
      if (!failure || failure.stage !== 'imap' || this.deps.mailbox.login.kind !== 'oauth2') throw error;
      return this.login(true);
    }
  }

  private async login(renewToken: boolean): Promise<{ client: ImapFlow; renewAt: number | null }> {
    const { mailbox, logger } = this.deps;
    const { auth, renewAt } = await this.deps.login(renewToken);
    const client = new ImapFlow({
      host: mailbox.host,
      port: mailbox.port,
      secure: mailbox.secure,
      auth,
      logger: false,
      autoIdleDelay: AUTO_IDLE_DELAY_MS,
      // Servers drop IDLE after 30 minutes (RFC 2177 allows 29): restart it well before.
      maxIdleTime: MAX_IDLE_MS,
      missingIdleCommand: 'NOOP',
      tls: { rejectUnauthorized: mailbox.rejectUnauthorized },
    });
    client.on('error', (error: Error) => logger.warn({ err: error }, 'mailbox connection error'));
    client.on('exists', () => this.requestScan('new'));
    // Filing works in other folders too; mail that arrived meanwhile raised no EXISTS, so look on return.
    client.on('mailboxOpen', (opened: { path: string }) => {
      if (this.client === client && opened.path === mailbox.mailbox) this.requestScan('new');
    });
    client.on('close', () => this.onClose(client));
    try {
      await client.connect();
      await this.deps.authHealth.succeeded('mailbox').catch(() => undefined);
      const folders = await prepareFolders(client, mailbox);
      if (folders.created.length > 0) logger.info({ folders: folders.created }, 'created mailbox folders');
      this.sentFolder = folders.sent;
      await client.mailboxOpen(mailbox.mailbox);
    } catch (error) {
      client.close();
      throw error;
    }
    return { client, renewAt };
  }

  /** A token-based session is replaced by a new one shortly before its token expires (Exchange ends it then). */
  private armRenewal(renewAt: number | null): void {
    clearTimeout(this.renewTimer);
    if (renewAt === null || this.stopping) return;
    this.renewTimer = setTimeout(() => void this.renewSession(), Math.max(0, renewAt - Date.now()));
  }

  /**
   * Make before break: the new session takes over pickup, filing and Sent copies, then the old one logs out once
   * quiet, so no email waits for the change and nothing in flight is cut.
   */
  private async renewSession(): Promise<void> {
    const old = this.client;
    if (!old || this.stopping) return;
    let next: { client: ImapFlow; renewAt: number | null };
    try {
      next = await this.openSession();
    } catch (error) {
      // The old session goes on until its token runs out; its close then reconnects with backoff.
      this.noteLoginFailure(error);
      this.renewTimer = setTimeout(() => void this.renewSession(), this.retryDelay(classifyImapFailure(error)));
      return;
    }
    if (this.stopping || this.client !== old) {
      await next.client.logout().catch(() => next.client.close());
      return;
    }
    this.client = next.client;
    this.reconnectAttempt = 0;
    this.armRenewal(next.renewAt);
    this.deps.logger.info('renewed the mailbox session for a new token');
    this.requestScan('new');
    this.retiring.add(old);
    await retire(old);
    this.retiring.delete(old);
  }

  private onClose(client: ImapFlow): void {
    if (this.client !== client) return;
    this.client = null;
    clearInterval(this.pollTimer);
    clearTimeout(this.renewTimer);
    void this.deps.heartbeat.disconnected().catch(() => undefined);
    // Exchange ends a session whose token expired ("* BYE Session invalidated - AccessTokenExpired"): an ordinary reconnect.
    if (!this.stopping) this.scheduleReconnect(new Error('mailbox connection closed'));
  }

  private noteLoginFailure(error: unknown): AuthFailure | null {
    const failure = classifyImapFailure(error);
    if (failure) {
      void this.deps.authHealth.failed('mailbox', failure).catch(() => undefined);
      void this.deps.metrics.authFailure(failure.stage, 'mailbox');
      this.deps.logger.error({ stage: failure.stage, code: failure.code, permanent: failure.permanent }, `mailbox login failed: ${failure.reason}`);
    }
    return failure;
  }

  /**
   * Exponential backoff with jitter; a refused credential waits up to AUTH_RETRY_MAX_MS, since a tenant that sees
   * a storm of logins starts refusing good ones too.
   */
  private retryDelay(failure: AuthFailure | null): number {
    const delay = backoffDelay(this.reconnectAttempt, failure?.permanent ? this.deps.mailbox.authRetryMaxMs : TEMPORARY_RETRY_MAX_MS);
    this.reconnectAttempt += 1;
    return delay;
  }

  private scheduleReconnect(error: unknown): void {
    if (this.stopping) return;
    const failure = this.noteLoginFailure(error);
    const delay = this.retryDelay(failure);
    this.deps.logger.warn({ err: failure ? undefined : error, retryInMs: delay, attempt: this.reconnectAttempt }, 'mailbox unavailable; reconnecting');
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => {
      this.connect().catch((next) => this.scheduleReconnect(next));
    }, delay);
  }

  private requestScan(kind: 'new' | 'full'): void {
    if (this.stopping) return;
    this.noticedAt ??= Date.now();
    if (kind === 'full' || this.scanRequested === 'none') this.scanRequested = kind;
    if (!this.scanning) this.scanning = this.runScans().finally(() => (this.scanning = null));
  }

  private async runScans(): Promise<void> {
    while (this.scanRequested !== 'none' && !this.stopping) {
      const kind = this.scanRequested;
      const noticedAt = this.noticedAt ?? Date.now();
      this.scanRequested = 'none';
      this.noticedAt = null;
      const client = this.connection;
      if (!client) return;
      try {
        await this.scan(client, kind, noticedAt);
      } catch (error) {
        this.deps.logger.warn({ err: error }, 'mailbox scan failed; the next scan will retry');
      }
    }
  }

  private async scan(client: ImapFlow, kind: 'new' | 'full', noticedAt: number): Promise<void> {
    const { mailbox, positions, pickup } = this.deps;
    const stored = positions.read(mailbox.mailbox);
    const request = { mailbox: mailbox.mailbox, kind, stored, hint: this.position };
    const { uidValidity, messages, lastUid, sameMailbox } = await listMessages(client, request, this.deps.logger);
    // Without the lock: pickup takes it per download, so filing's moves need not wait for the whole scan.
    const summary = await pickup.handleMessages(client, { mailbox: mailbox.mailbox, uidValidity, noticedAt }, messages);
    const position = { uidValidity, lastUid: Math.max(lastUid, summary.highestUid) };
    if (summary.highestUid > lastUid || !sameMailbox) await positions.write(mailbox.mailbox, position);
    this.position = position;
    await this.deps.heartbeat.contact(true);
    if (summary.pickedUp > 0) await this.deps.heartbeat.pickedUp();
  }
}

/** Logs a replaced session out once nothing has used it for a moment (a filing step in flight finishes first). */
async function retire(client: ImapFlow): Promise<void> {
  const deadline = Date.now() + HANDOVER_MAX_MS;
  let quietSince = Date.now();
  while (client.usable && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (!client.idling) quietSince = Date.now();
    else if (Date.now() - quietSince >= HANDOVER_QUIET_MS) break;
  }
  await client.logout().catch(() => client.close());
}
