import type { ImapFlow } from 'imapflow';
import { IntakeError } from '../../src/errors.js';
import type { SentCopyStore } from '../../src/emails/sent-copy-store.js';
import type { SentCopyJob } from '../../src/queues.js';

export interface SentCopyDeps {
  copies: Pick<SentCopyStore, 'read' | 'remove'>;
  /** Found when the watcher logs in: the server's \Sent folder may have a localised name. */
  sentFolder: () => string;
  connection: () => ImapFlow | null;
}

/**
 * Appends a copy of a sent email to the mailbox's Sent folder, so the mailbox itself is the audit trail.
 * APPEND does not change the selected folder, so the watcher keeps IDLE on the inbox throughout.
 */
export async function copyToSent(job: SentCopyJob, deps: SentCopyDeps): Promise<'appended' | 'gone'> {
  const raw = await deps.copies.read(job.copyId);
  if (!raw) return 'gone';
  const client = deps.connection();
  if (!client) throw new IntakeError('MAILBOX_UNAVAILABLE', 'The mailbox is not connected');
  await client.append(deps.sentFolder(), raw, ['\\Seen']);
  await deps.copies.remove(job.copyId);
  return 'appended';
}
