import type { ImapFlow } from 'imapflow';
import { IntakeError } from '../../src/errors.js';
import type { SentCopyJob } from '../../src/queues.js';
import type { Keys, RedisClient } from '../../src/redis.js';
import { readBlob } from '../../src/redis-blobs.js';

export interface SentCopyDeps {
  redis: RedisClient;
  keys: Keys;
  /** Found when the watcher logs in: the server's \Sent folder may have a localised name. */
  sentFolder: () => string;
  connection: () => ImapFlow | null;
}

/**
 * Appends a copy of a sent email to the mailbox's Sent folder, so the mailbox itself is the audit trail.
 * APPEND does not change the selected folder, so the watcher keeps IDLE on the inbox throughout.
 */
export async function copyToSent(job: SentCopyJob, deps: SentCopyDeps): Promise<'appended' | 'gone'> {
  const key = deps.keys.sentCopy(job.copyId);
  const raw = await readBlob(deps.redis, key);
  if (!raw) return 'gone';
  const client = deps.connection();
  if (!client) throw new IntakeError('MAILBOX_UNAVAILABLE', 'The mailbox is not connected');
  await client.append(deps.sentFolder(), raw, ['\\Seen']);
  await deps.redis.del(key);
  return 'appended';
}
