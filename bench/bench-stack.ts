import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { startLocalDovecot, type LocalDovecot } from '../src/local-servers/dovecot.js';
import { startOutboxSmtp, type OutboxMessage, type OutboxSmtp, type OutboxSmtpOptions } from '../src/local-servers/outbox-smtp.js';
import { startBenchRedis, type BenchRedis, type BenchRedisTopology } from './bench-redis.js';
import { DOVECOT_COMMAND_METRIC } from './server-costs.js';
import { startOAuthTokenService, type OAuthTokenService } from '../test/helpers/oauth-token-service.js';

export interface BenchStack {
  redis: BenchRedis;
  dovecot: LocalDovecot;
  smtp: OutboxSmtp;
  /** With `oauth2`: the token service every service login goes through. */
  tokens: OAuthTokenService | null;
  /** Called with each email the SMTP listener receives, and when it received it. */
  onMessage: (listener: (message: OutboxMessage, receivedAt: number) => void) => void;
  env(user: string): Record<string, string>;
  imapClient(user: string): Promise<ImapFlow>;
  stop(): Promise<void>;
}

export interface BenchStackOptions {
  smtpDelayFor?: OutboxSmtpOptions['delayFor'];
  /**
   * Logins as on Microsoft 365: a token service issuing client-credentials tokens of this lifetime, Dovecot and
   * the SMTP listener accepting XOAUTH2 only for the service (the bench's own IMAP clients keep passwords).
   */
  oauth2?: { tokenLifetimeSeconds: number };
  /** A primary and replica behind Sentinels instead of one server (default standalone). */
  redis?: BenchRedisTopology;
}

/** Real Redis (one server, or Sentinel-managed), Dovecot and SMTP listener on loopback, in a throwaway directory. */
export async function startBenchStack(options: BenchStackOptions = {}): Promise<BenchStack> {
  const dir = mkdtempSync(join(tmpdir(), 'intake-bench-'));
  chmodSync(dir, 0o755);
  const listeners: Array<(message: OutboxMessage, receivedAt: number) => void> = [];
  const redis = await startBenchRedis(dir, options.redis ?? 'standalone');
  const tokens = options.oauth2 ? await startOAuthTokenService({ tokenLifetimeSeconds: options.oauth2.tokenLifetimeSeconds }) : null;
  const introspection = tokens ? new URL(tokens.introspectionUrl) : null;
  if (tokens && introspection) {
    introspection.username = tokens.introspector.clientId;
    introspection.password = tokens.introspector.clientSecret;
  }
  const dovecot = await startLocalDovecot(join(dir, 'dovecot'), {
    extraConfig: DOVECOT_COMMAND_METRIC,
    ...(introspection ? { oauth2: { introspectionUrl: introspection.toString() } } : {}),
  });
  const smtp = await startOutboxSmtp({
    dir: join(dir, 'outbox'),
    delayFor: options.smtpDelayFor,
    xoauth2: tokens
      ? {
          check: async (user, accessToken) => {
            const found = await tokens.introspect(accessToken);
            return found.active && found.mailboxes.includes(user);
          },
        }
      : undefined,
    onMessage: (message) => {
      const receivedAt = performance.timeOrigin + performance.now();
      for (const listener of listeners) listener(message, receivedAt);
    },
  });
  return {
    redis,
    dovecot,
    smtp,
    tokens,
    onMessage: (listener) => listeners.push(listener),
    env: (user) => {
      dovecot.addUser(user, user);
      // The local SMTP listener is not Exchange Online: its send quotas are lifted, or they would be all a burst measures.
      const base = {
        ...redis.env,
        SMTP_URL: smtp.url,
        KEY_PREFIX: user,
        LOG_LEVEL: 'silent',
        HTTP_HOST: '127.0.0.1',
        HTTP_PORT: '0',
        SEND_LIMIT_PER_MINUTE: '1000000',
        SEND_RECIPIENTS_PER_DAY: '100000000',
      };
      if (!tokens) return { ...base, IMAP_URL: dovecot.imapUrl(user, user) };
      const clientSecret = tokens.addClient(`bench-${user}`, [user]);
      return {
        ...base,
        IMAP_URL: `imap://127.0.0.1:${dovecot.port}`,
        IMAP_AUTH: 'oauth2',
        IMAP_USER: user,
        SMTP_AUTH: 'oauth2',
        SMTP_USER: user,
        OAUTH_PROVIDER: 'client-credentials',
        OAUTH_TOKEN_URL: tokens.tokenUrl,
        OAUTH_CLIENT_ID: `bench-${user}`,
        OAUTH_CLIENT_SECRET: clientSecret,
        OAUTH_SCOPE: tokens.scope,
      };
    },
    async imapClient(user) {
      dovecot.addUser(user, user);
      // Dovecot notices a user added to its passwd-file by the file's modification time, to the second: a login in the
      // same second as an earlier lookup can be refused, and succeeds a moment later.
      for (let attempt = 1; ; attempt += 1) {
        const client = new ImapFlow({ host: '127.0.0.1', port: dovecot.port, secure: false, auth: { user, pass: user }, logger: false });
        try {
          await client.connect();
          return client;
        } catch (error) {
          if (attempt === 5 || !(error as { authenticationFailed?: boolean }).authenticationFailed) throw error;
          await new Promise((resolve) => setTimeout(resolve, 1_100));
        }
      }
    },
    async stop() {
      await smtp.stop();
      await dovecot.stop();
      await tokens?.stop();
      await redis.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
