import type { ImapFlow } from 'imapflow';
import type { MailboxConfig } from '../../src/config.js';
import type { EmailLocation, EmailStore } from '../../src/emails/email-store.js';
import { IntakeError } from '../../src/errors.js';
import type { FilingJob } from '../../src/queues.js';
import { moveInBatch } from './move-batch.js';

export interface FilingDeps {
  store: EmailStore;
  /** The watched inbox. */
  mailbox: string;
  /** Every folder an email can be filed in: where to look for one whose location is not known. */
  outcomeFolders: string[];
  connection: () => ImapFlow | null;
}

/** The folders an email can be filed in (every folder but Sent). */
export function outcomeFolders(folders: MailboxConfig['folders']): string[] {
  return [folders.accepted, folders.rejected, folders.review, folders.processed];
}

export type FilingResult = 'moved' | 'already-moved' | 'already-there' | 'stale-location';

// Steps (a move, a look-up, a record) one job takes before it retries: enough for two changes of outcome during moves.
const MAX_STEPS = 6;

/**
 * Moves an email whose outcome is recorded into its outcome folder: out of the inbox once decided, and on
 * from one outcome folder to another when staff change the outcome later. Moving is idempotent: when the
 * email is not where the job expected (a crash between MOVE and the record), it is looked up by Message-ID
 * in the outcome folders. A location from before the inbox was rebuilt is left for the rescan, which finds the
 * email again by its content.
 */
export async function fileEmail(job: FilingJob, deps: FilingDeps): Promise<FilingResult> {
  const client = deps.connection();
  if (!client) throw new IntakeError('MAILBOX_UNAVAILABLE', 'The mailbox is not connected');
  const inbox = (uidValidity: string, uid: number): EmailLocation => ({ mailbox: deps.mailbox, uidValidity, uid });
  // A refile (no UID in the job) starts from where the record says the email was filed.
  let location: EmailLocation | null | undefined = job.uid !== undefined ? inbox(job.uidValidity!, job.uid) : undefined;
  let result: FilingResult = 'already-there';
  try {
    for (let step = 0; step < MAX_STEPS; step += 1) {
      const record = await deps.store.get(job.emailId);
      if (!record) throw new IntakeError('MISSING_RECORD', `No record of email ${job.emailId}`);
      // Retried, not failed: a failed job would keep its id and block the filing once the outcome is recorded.
      if (!record.outcomeFolder) throw new IntakeError('OUTCOME_PENDING', `Email ${job.emailId} has no outcome to file under yet`);
      location = location === undefined ? (record.filedLocation ?? inbox(record.uidValidity, record.uid)) : location;
      const folder = record.outcomeFolder;
      // Where it is, when not known: looked up by Message-ID, first in the folder it should reach.
      location ??= await findByMessageId(client, [folder, ...deps.outcomeFolders.filter((other) => other !== folder)], record.messageId);
      if (location === null || location.mailbox === folder) {
        if (await deps.store.recordFiled(job.emailId, location, folder)) return result;
        continue; // its outcome changed meanwhile: move it on
      }
      const moved = await moveInBatch(client, location, folder);
      if (moved === 'stale-location' && location.mailbox === deps.mailbox) return moved;
      if (moved === 'already-moved' || moved === 'stale-location') {
        result = 'already-moved'; // not where this job expected: moved before a crash, or its folder was rebuilt
        location = null;
        continue;
      }
      result = 'moved';
      location = moved; // null when the server did not say the new UID (no UIDPLUS)
    }
    throw new IntakeError('OUTCOME_UNSETTLED', `Email ${job.emailId} changed outcome too often to file; retrying`);
  } finally {
    // IDLE watches whichever folder is selected: leave the inbox selected after working elsewhere.
    if (client.usable && (!client.mailbox || client.mailbox.path !== deps.mailbox)) await reselect(client, deps.mailbox);
  }
}

async function reselect(client: ImapFlow, mailbox: string): Promise<void> {
  try {
    (await client.getMailboxLock(mailbox)).release();
  } catch {
    // The connection is gone; reconnecting opens the inbox again.
  }
}

/** The first of `folders` holding exactly one email with this Message-ID, and its UID there. */
async function findByMessageId(client: ImapFlow, folders: string[], messageId: string): Promise<EmailLocation | null> {
  if (!messageId) return null;
  for (const folder of folders) {
    const lock = await client.getMailboxLock(folder);
    try {
      const found = await client.search({ header: { 'message-id': messageId } }, { uid: true });
      if (found && found.length === 1 && client.mailbox) return { mailbox: folder, uidValidity: String(client.mailbox.uidValidity), uid: found[0]! };
    } finally {
      lock.release();
    }
  }
  return null;
}
