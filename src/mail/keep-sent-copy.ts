import { createHash } from 'node:crypto';
import type { Enqueue } from '../enqueue.js';
import type { Keys, RedisClient } from '../redis.js';
import type { KeepCopy } from './send-once.js';

const COPY_RETENTION_SECONDS = 7 * 24 * 3600;

/**
 * Keeps each sent email for the mailbox watcher to append to Sent: its raw content waits in Redis under an id
 * derived from the send record, so a repeated call queues the same job and the copy is appended once.
 */
export function keepSentCopy(redis: RedisClient, keys: Keys, enqueue: Pick<Enqueue, 'sent-copy'>): KeepCopy {
  return async (sentKey, raw) => {
    const copyId = createHash('sha256').update(sentKey).digest('hex').slice(0, 32);
    await redis.set(keys.sentCopy(copyId), raw, 'EX', COPY_RETENTION_SECONDS);
    await enqueue['sent-copy']({ copyId });
  };
}
