import { createHash } from 'node:crypto';
import type { SentCopyStore } from '../emails/sent-copy-store.js';
import type { Enqueue } from '../enqueue.js';
import { copiedToSent, type KeepCopy } from './send-once.js';

/**
 * Keeps each sent email for the mailbox watcher to append to Sent, under an id derived from its send record:
 * a repeated call queues the same job, so the copy is appended once.
 */
export function keepSentCopy(copies: Pick<SentCopyStore, 'put'>, enqueue: Pick<Enqueue, 'sent-copy'>, onboardingFrom: string): KeepCopy {
  return async (sentKey, raw, email) => {
    if (!copiedToSent(email, onboardingFrom)) return;
    const copyId = createHash('sha256').update(sentKey).digest('hex').slice(0, 32);
    await copies.put(copyId, raw);
    await enqueue['sent-copy']({ copyId });
  };
}
