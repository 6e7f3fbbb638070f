import { ImapFlow } from 'imapflow';
import type { Redis } from 'ioredis';
import type { MailboxConfig } from '../../src/config.js';
import type { WatcherHeartbeatStore } from '../../src/health/watcher-heartbeat.js';
import type { Logger } from '../../src/logger.js';
import type { Keys } from '../../src/redis.js';
import { ensureFolders } from './folders.js';
import type { Pickup } from './pickup.js';

export interface WatcherDeps {
  mailbox: MailboxConfig;
  redis: Redis;
  keys: Keys;
  pickup: Pickup;
  heartbeat: WatcherHeartbeatStore;
  logger: Logger;
}

const RECONNECT_BASE_MS = 500;
const RECONNECT_MAX_MS = 30_000;
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
  private pollTimer: NodeJS.Timeout | undefined;
  private scanRequested: 'none' | 'new' | 'full' = 'none';
  /** When the server first told us of mail not yet scanned: the start of our part of the pickup time. */
  private noticedAt: number | null = null;
  private scanning: Promise<void> | null = null;

  constructor(private readonly deps: WatcherDeps) {}

  /** The open connection, for the filing worker; null while disconnected. */
  get connection(): ImapFlow | null {
    return this.client?.usable ? this.client : null;
  }

  async start(): Promise<void> {
    this.stopping = false;
    await this.connect().catch((error) => this.scheduleReconnect(error));
  }

  /** Stops picking up new email; the connection stays open so filing in progress can finish. */
  async stopWatching(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.reconnectTimer);
    clearInterval(this.pollTimer);
    await this.scanning;
  }

  async disconnect(): Promise<void> {
    await this.stopWatching();
    const client = this.client;
    this.client = null;
    if (client?.usable) await client.logout().catch(() => client.close());
    await this.deps.heartbeat.disconnected().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const { mailbox, logger } = this.deps;
    const client = new ImapFlow({
      host: mailbox.host,
      port: mailbox.port,
      secure: mailbox.secure,
      auth: { user: mailbox.user, pass: mailbox.pass },
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
    await client.connect();
    const created = await ensureFolders(client, Object.values(mailbox.folders));
    if (created.length > 0) logger.info({ folders: created }, 'created mailbox folders');
    await client.mailboxOpen(mailbox.mailbox);
    if (this.stopping) {
      await client.logout();
      return;
    }
    this.client = client;
    this.reconnectAttempt = 0;
    await this.deps.heartbeat.contact(true);
    logger.info({ mailbox: mailbox.mailbox }, 'watching mailbox');
    clearInterval(this.pollTimer);
    this.pollTimer = setInterval(() => this.requestScan('full'), mailbox.pollIntervalMs);
    // Catch up on everything that arrived while disconnected, and on emails a crash left half-way.
    this.requestScan('full');
  }

  private onClose(client: ImapFlow): void {
    if (this.client !== client) return;
    this.client = null;
    clearInterval(this.pollTimer);
    void this.deps.heartbeat.disconnected().catch(() => undefined);
    if (!this.stopping) this.scheduleReconnect(new Error('mailbox connection closed'));
  }

  private scheduleReconnect(error: unknown): void {
    if (this.stopping) return;
    const ceiling = Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * 2 ** this.reconnectAttempt);
    const delay = Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
    this.reconnectAttempt += 1;
    this.deps.logger.warn({ err: error, retryInMs: delay, attempt: this.reconnectAttempt }, 'mailbox unavailable; reconnecting');
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
    const { mailbox, redis, keys, pickup } = this.deps;
    const lock = await client.getMailboxLock(mailbox.mailbox);
    try {
      // NOOP is how IMAP polls: the server reports new messages (EXISTS) in its answer. Without IDLE it is the
      // only way to learn of them, and with IDLE it costs one round trip on a full scan.
      if (kind === 'full') await client.noop();
      const opened = client.mailbox;
      if (!opened) throw new Error('mailbox not open');
      const uidValidity = String(opened.uidValidity);
      const stateKey = keys.mailboxState(mailbox.mailbox);
      const state = await redis.hgetall(stateKey);
      const sameMailbox = state.uidValidity === uidValidity;
      const lastUid = sameMailbox ? Number(state.lastUid ?? 0) : 0;
      if (!sameMailbox && state.uidValidity) this.deps.logger.warn({ mailbox: mailbox.mailbox }, 'UIDVALIDITY changed; rescanning the whole mailbox');
      const range = kind === 'full' || !sameMailbox ? '1:*' : `${lastUid + 1}:*`;
      const empty = opened.exists === 0;
      // "N:*" always matches the newest message, even when its UID is below N, hence the filter.
      const messages = empty ? [] : (await client.fetchAll(range, { uid: true, size: true, envelope: true, internalDate: true }, { uid: true }))
        .filter((message) => range === '1:*' || message.uid > lastUid);
      const summary = await pickup.handleMessages(client, { mailbox: mailbox.mailbox, uidValidity, noticedAt }, messages);
      if (summary.highestUid > lastUid || !sameMailbox) {
        await redis.hset(stateKey, { uidValidity, lastUid: String(Math.max(lastUid, summary.highestUid)) });
      }
      await this.deps.heartbeat.contact(true);
      if (summary.pickedUp > 0) await this.deps.heartbeat.pickedUp();
    } finally {
      lock.release();
    }
  }
}
