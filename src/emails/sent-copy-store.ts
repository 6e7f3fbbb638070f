import type { Keys, RedisClient } from '../redis.js';
import { readBlob } from '../redis-blobs.js';

const KEEP_SECONDS = 7 * 24 * 3600;

/**
 * Sent emails waiting for the watcher to append them to the Sent folder; kept a week in case it is down.
 * Owns `keys.sentCopy`.
 */
export class SentCopyStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Pick<Keys, 'sentCopy'>,
  ) {}

  async put(copyId: string, raw: Buffer | string): Promise<void> {
    await this.redis.set(this.keys.sentCopy(copyId), raw, 'EX', KEEP_SECONDS);
  }

  async read(copyId: string): Promise<Buffer | null> {
    return readBlob(this.redis, this.keys.sentCopy(copyId));
  }

  async remove(copyId: string): Promise<void> {
    await this.redis.del(this.keys.sentCopy(copyId));
  }
}
