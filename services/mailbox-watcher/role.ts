import type { Config } from '../../src/config.js';
import type { Enqueue } from '../../src/enqueue.js';
import type { Logger } from '../../src/logger.js';
import { imapAuth, TokenSources } from '../../src/mail-auth/token-sources.js';
import type { Keys, RedisClient } from '../../src/redis.js';
import type { Stores } from '../../src/stores.js';
import { outcomeFolders } from '../../workers/filing/handler.js';
import { createMailboxWorkers } from './mailbox-stages.js';
import { Pickup } from './pickup.js';
import { MailboxWatcher } from './watcher.js';

export interface WatcherRoleDeps {
  config: Config;
  stores: Stores;
  /** BullMQ's connection, for the filing and Sent-copy workers. */
  redis: RedisClient;
  keys: Keys;
  enqueue: Pick<Enqueue, 'intake' | 'filing'>;
  logger: Logger;
}

export interface WatcherRole {
  /** Stops picking up email; filing goes on so in-flight outcomes still reach their folders. */
  stopPickup(): Promise<void>;
  /** Stops filing, gives up the lease and logs out of the mailbox. */
  close(): Promise<void>;
}

/**
 * The watcher role: pickup and filing, active only while this instance holds the watcher lease, so that a
 * second instance can stand by for failover without picking up the same emails.
 */
export async function startWatcherRole(deps: WatcherRoleDeps): Promise<WatcherRole> {
  const { config, logger, stores } = deps;
  const pickup = new Pickup({
    store: stores.emails,
    enqueue: deps.enqueue,
    maxMessageBytes: config.limits.maxMessageBytes,
    reviewFolder: config.imap.folders.review,
    logger,
  });
  const tokens = new TokenSources();
  const { metrics } = stores;
  const watcher = new MailboxWatcher({
    mailbox: config.imap,
    positions: stores.mailboxPositions,
    pickup,
    heartbeat: stores.heartbeat,
    logger,
    login: (renew) => imapAuth(config.imap.login, tokens, renew),
    authHealth: stores.authHealth,
    metrics,
  });
  const mailboxWorkers = await createMailboxWorkers(
    {
      filing: { store: stores.emails, mailbox: config.imap.mailbox, outcomeFolders: outcomeFolders(config.imap.folders), connection: () => watcher.connection },
      sentCopy: { copies: stores.sentCopies, sentFolder: () => watcher.sentFolderPath, connection: () => watcher.connection },
    },
    { connection: deps.redis, prefix: deps.keys.bullPrefix, logger, metrics },
  );
  let workersStarted = false;
  const lease = stores.watcherLease({
    async acquired() {
      logger.info('this instance is now the active mailbox watcher');
      await watcher.start();
      for (const worker of mailboxWorkers) {
        if (!workersStarted) void worker.run().catch((error: unknown) => logger.error({ err: error, queue: worker.name }, 'mailbox worker stopped'));
        else worker.resume();
      }
      workersStarted = true;
    },
    async lost() {
      logger.warn('lost the watcher lease; standing by');
      // Not waiting for the jobs in hand: that waits for each worker's blocking connection to close, and one still
      // reconnecting after a Redis failover never reports closed, so the lease would never be taken again. A job
      // cut short by the logout below is retried.
      await Promise.all(mailboxWorkers.map((worker) => worker.pause(true)));
      await watcher.disconnect();
    },
  });
  await lease.start();
  if (!lease.isHeld) logger.info('another watcher is active; standing by');
  return {
    stopPickup: () => watcher.stopWatching(),
    async close() {
      await Promise.all(mailboxWorkers.map((worker) => worker.close()));
      await lease.stop();
      await watcher.disconnect();
    },
  };
}
