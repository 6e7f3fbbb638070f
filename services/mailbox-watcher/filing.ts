import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { ImapFlow } from 'imapflow';
import type { Redis } from 'ioredis';
import type { EmailStore } from '../../src/emails/email-store.js';
import { IntakeError } from '../../src/errors.js';
import type { Logger } from '../../src/logger.js';
import { FilingJobSchema, parsePayload, QUEUES, WORKER_LOCK, type FilingJob } from '../../src/queues.js';

export interface FilingDeps {
  store: EmailStore;
  mailbox: string;
  connection: () => ImapFlow | null;
}

export type FilingResult = 'moved' | 'already-moved' | 'stale-location';

/**
 * Moves an email whose outcome is recorded out of the inbox into its outcome folder. Moving is idempotent:
 * when the UID is gone the move already happened (a crash between MOVE and the record), and a location from
 * before a mailbox rebuild is left for the rescan, which finds the email again by its content.
 */
export async function fileEmail(job: FilingJob, deps: FilingDeps): Promise<FilingResult> {
  const record = await deps.store.get(job.emailId);
  if (!record) throw new UnrecoverableError(`No record of email ${job.emailId}`);
  // Retried, not failed: a failed job would keep its id and block the filing once the outcome is recorded.
  if (!record.outcomeFolder) throw new IntakeError('MAILBOX_UNAVAILABLE', `Email ${job.emailId} has no outcome to file under yet`);
  const client = deps.connection();
  if (!client) throw new IntakeError('MAILBOX_UNAVAILABLE', 'The mailbox is not connected');
  const lock = await client.getMailboxLock(deps.mailbox);
  try {
    if (!client.mailbox || String(client.mailbox.uidValidity) !== job.uidValidity) return 'stale-location';
    const present = await client.search({ uid: String(job.uid) }, { uid: true });
    if (!present || present.length === 0) {
      await deps.store.recordFiled(job.emailId);
      return 'already-moved';
    }
    const moved = await client.messageMove(String(job.uid), record.outcomeFolder, { uid: true });
    if (!moved) throw new IntakeError('MAILBOX_UNAVAILABLE', 'The mailbox did not move the email');
    await deps.store.recordFiled(job.emailId);
    return 'moved';
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
