import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalDovecot } from '../../src/local-servers/dovecot.js';
import { startOutboxSmtp } from '../../src/local-servers/outbox-smtp.js';
import { startLocalRedis } from '../../src/local-servers/redis-server.js';

export interface LocalStack {
  /** Settings pointing the service at whatever was started here. */
  env: Record<string, string>;
  started: string[];
  outboxDir: string | null;
  stop(): Promise<void>;
}

export const DEMO_MAILBOX = { user: 'onboarding', password: 'onboarding' };

/**
 * Starts, under `varDir`, each server the environment does not name: redis-server, Dovecot with one
 * mailbox user, and an SMTP listener that writes every outgoing email to `varDir/outbox/*.eml`.
 */
export async function startLocalStack(varDir: string, given: NodeJS.ProcessEnv): Promise<LocalStack> {
  mkdirSync(varDir, { recursive: true });
  chmodSync(varDir, 0o755);
  const env: Record<string, string> = {};
  const stops: Array<() => Promise<void>> = [];
  const started: string[] = [];
  let outboxDir: string | null = null;
  try {
    if (!given.REDIS_URL && !given.REDIS_SENTINELS && !given.REDIS_CLUSTER_NODES) {
      const redis = await startLocalRedis(join(varDir, 'redis'));
      stops.push(() => redis.stop());
      env.REDIS_URL = redis.url;
      started.push(`redis-server on ${redis.url} (data in ${redis.dir})`);
    }
    if (!given.IMAP_URL) {
      const dovecot = await startLocalDovecot(join(varDir, 'dovecot'));
      stops.push(() => dovecot.stop());
      dovecot.addUser(DEMO_MAILBOX.user, DEMO_MAILBOX.password);
      env.IMAP_URL = dovecot.imapUrl(DEMO_MAILBOX.user, DEMO_MAILBOX.password);
      started.push(`Dovecot IMAP on 127.0.0.1:${dovecot.port}, user "${DEMO_MAILBOX.user}", password "${DEMO_MAILBOX.password}"`);
    }
    if (!given.SMTP_URL) {
      const smtp = await startOutboxSmtp({ dir: join(varDir, 'outbox') });
      stops.push(() => smtp.stop());
      env.SMTP_URL = smtp.url;
      outboxDir = smtp.dir;
      started.push(`SMTP listener on ${smtp.url}, writing every outgoing email to ${smtp.dir}`);
    }
  } catch (error) {
    await Promise.allSettled(stops.map((stop) => stop()));
    throw error;
  }
  return {
    env,
    started,
    outboxDir,
    async stop() {
      await Promise.allSettled(stops.reverse().map((stop) => stop()));
    },
  };
}
