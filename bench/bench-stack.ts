import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { startLocalDovecot, type LocalDovecot } from '../src/local-servers/dovecot.js';
import { startOutboxSmtp, type OutboxMessage, type OutboxSmtp, type OutboxSmtpOptions } from '../src/local-servers/outbox-smtp.js';
import { startLocalRedis, type LocalRedis } from '../src/local-servers/redis-server.js';

export interface BenchStack {
  redis: LocalRedis;
  dovecot: LocalDovecot;
  smtp: OutboxSmtp;
  /** Called with each email the SMTP listener receives, and when it received it. */
  onMessage: (listener: (message: OutboxMessage, receivedAt: number) => void) => void;
  env(user: string): Record<string, string>;
  imapClient(user: string): Promise<ImapFlow>;
  stop(): Promise<void>;
}

/** Real redis-server, Dovecot and SMTP listener on loopback, in a throwaway directory. */
export async function startBenchStack(options: { smtpDelayFor?: OutboxSmtpOptions['delayFor'] } = {}): Promise<BenchStack> {
  const dir = mkdtempSync(join(tmpdir(), 'intake-bench-'));
  chmodSync(dir, 0o755);
  const listeners: Array<(message: OutboxMessage, receivedAt: number) => void> = [];
  const redis = await startLocalRedis(join(dir, 'redis'));
  const dovecot = await startLocalDovecot(join(dir, 'dovecot'));
  const smtp = await startOutboxSmtp({
    dir: join(dir, 'outbox'),
    delayFor: options.smtpDelayFor,
    onMessage: (message) => {
      const receivedAt = performance.timeOrigin + performance.now();
      for (const listener of listeners) listener(message, receivedAt);
    },
  });
  return {
    redis, dovecot, smtp,
    onMessage: (listener) => listeners.push(listener),
    env: (user) => {
      dovecot.addUser(user, user);
      return {
        REDIS_URL: redis.url, IMAP_URL: dovecot.imapUrl(user, user), SMTP_URL: smtp.url,
        KEY_PREFIX: user, LOG_LEVEL: 'silent', HTTP_HOST: '127.0.0.1', HTTP_PORT: '0',
      };
    },
    async imapClient(user) {
      dovecot.addUser(user, user);
      const client = new ImapFlow({ host: '127.0.0.1', port: dovecot.port, secure: false, auth: { user, pass: user }, logger: false });
      await client.connect();
      return client;
    },
    async stop() {
      await smtp.stop();
      await dovecot.stop();
      await redis.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
