import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { ImapFlow } from 'imapflow';
import type { Redis } from 'ioredis';
import type { EmailLocation, EmailStore } from '../../src/emails/email-store.js';
import { IntakeError } from '../../src/errors.js';
import type { Logger } from '../../src/logger.js';
import { FilingJobSchema, parsePayload, QUEUES, WORKER_LOCK, type FilingJob } from '../../src/queues.js';

export interface FilingDeps {
  store: EmailStore;
  mailbox: string;
  connection: () => ImapFlow | null;
}

export type FilingResult = 'moved' | 'already-moved' | 'already-there' | 'stale-location';

// An outcome changed again while its email was being moved is followed at most this many times in one job.
const MAX_MOVES = 3;

/**
 * Moves an email whose outcome is recorded into its outcome folder: out of the inbox once decided, and on
 * from one outcome folder to another when staff change the outcome later. Moving is idempotent: when the
 * UID is gone the move already happened (a crash between MOVE and the record), and a location from before a
 * mailbox rebuild is left for the rescan, which finds the email again by its content.
 */
export async function fileEmail(job: FilingJob, deps: FilingDeps): Promise<FilingResult> {
  const client = deps.connection();
  if (!client) throw new IntakeError('MAILBOX_UNAVAILABLE', 'The mailbox is not connected');
  let location: EmailLocation = { mailbox: job.mailbox ?? deps.mailbox, uidValidity: job.uidValidity, uid: job.uid };
  let result: FilingResult = 'already-there';
  try {
    for (let move = 0; move < MAX_MOVES; move += 1) {
      const record = await deps.store.get(job.emailId);
      if (!record) throw new UnrecoverableError(`No record of email ${job.emailId}`);
      // Retried, not failed: a failed job would keep its id and block the filing once the outcome is recorded.
      if (!record.outcomeFolder) throw new IntakeError('MAILBOX_UNAVAILABLE', `Email ${job.emailId} has no outcome to file under yet`);
      if (location.mailbox === record.outcomeFolder) {
        await deps.store.recordFiled(job.emailId, location);
        return result;
      }
      const moved = await moveOnce(client, location, record.outcomeFolder);
      if (moved === 'stale-location') return moved;
      const now = moved === 'already-moved' ? await findByMessageId(client, record.outcomeFolder, record.messageId) : moved;
      await deps.store.recordFiled(job.emailId, now);
      result = moved === 'already-moved' ? moved : 'moved';
      if (!now) return result;
      location = now; // staff may have changed the outcome while it moved: the loop checks once more
    }
    return result;
  } finally {
    // IDLE watches whichever folder is selected: leave the inbox selected after working elsewhere.
    if (client.mailbox && client.mailbox.path !== deps.mailbox) await reselect(client, deps.mailbox);
  }
}

async function reselect(client: ImapFlow, mailbox: string): Promise<void> {
  try {
    (await client.getMailboxLock(mailbox)).release();
  } catch {
    // The connection is gone; reconnecting opens the inbox again.
  }
}

/** One MOVE; the email's new location when the server reports it (UIDPLUS), else null. */
async function moveOnce(client: ImapFlow, from: EmailLocation, folder: string): Promise<EmailLocation | null | 'already-moved' | 'stale-location'> {
  const lock = await client.getMailboxLock(from.mailbox);
  try {
    if (!client.mailbox || String(client.mailbox.uidValidity) !== from.uidValidity) return 'stale-location';
    const present = await client.search({ uid: String(from.uid) }, { uid: true });
    if (!present || present.length === 0) return 'already-moved';
    const moved = await client.messageMove(String(from.uid), folder, { uid: true });
    if (!moved) throw new IntakeError('MAILBOX_UNAVAILABLE', 'The mailbox did not move the email');
    const uid = moved.uidMap?.get(from.uid);
    return uid && moved.uidValidity !== undefined ? { mailbox: folder, uidValidity: String(moved.uidValidity), uid } : null;
  } finally {
    lock.release();
  }
}

/** Where an email moved before a crash now is, when exactly one email in the folder has its Message-ID. */
async function findByMessageId(client: ImapFlow, folder: string, messageId: string): Promise<EmailLocation | null> {
  if (!messageId) return null;
  const lock = await client.getMailboxLock(folder);
  try {
    const found = await client.search({ header: { 'message-id': messageId } }, { uid: true });
    if (!found || found.length !== 1 || !client.mailbox) return null;
    return { mailbox: folder, uidValidity: String(client.mailbox.uidValidity), uid: found[0]! };
  } finally {
    lock.release();
  }
}

export function startFilingWorker(deps: FilingDeps, options: { connection: Redis; prefix: string; logger: Logger }): Worker {
  // One at a time: every move goes through the watcher's single IMAP connection.
  const worker = new Worker(
    QUEUES.filing,
    async (job: Job) => {
      const payload = parsePayload(FilingJobSchema, job.data);
      const result = await fileEmail(payload, deps);
      options.logger.info({ queue: QUEUES.filing, jobId: job.id, emailId: payload.emailId, result }, 'email filed');
      return result;
    },
    // Started only while this instance holds the watcher lease (see service.ts).
    { connection: options.connection, prefix: options.prefix, concurrency: 1, autorun: false, ...WORKER_LOCK },
  );
  worker.on('error', (error) => options.logger.error({ err: error }, 'filing worker error'));
  worker.on('failed', (job, error) => options.logger.warn({ err: error, queue: QUEUES.filing, jobId: job?.id }, 'filing failed; will retry'));
  return worker;
}
