import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { isIntakeError } from '../../src/errors.js';
import type { Logger } from '../../src/logger.js';
import { IntakeJobSchema, parsePayload, QUEUES, WORKER_LOCK } from '../../src/queues.js';
import { giveUpOnEmail, handleIntake, type IntakeDeps } from './handler.js';

export interface IntakeWorkerOptions {
  connection: Redis;
  prefix: string;
  concurrency: number;
  logger: Logger;
}

/** The BullMQ shell around the intake handler: payload check, a child logger per job, retry classification. */
export function startIntakeWorker(deps: IntakeDeps, options: IntakeWorkerOptions): Worker {
  const worker = new Worker(
    QUEUES.intake,
    async (job: Job) => {
      const payload = parsePayload(IntakeJobSchema, job.data);
      const log = options.logger.child({ queue: QUEUES.intake, jobId: job.id, emailId: payload.emailId });
      try {
        const result = await handleIntake(payload, deps);
        log.info({ outcome: result.outcome, replyKind: result.replyKind }, 'email handled');
        return result;
      } catch (error) {
        log.warn({ err: error, attempt: job.attemptsMade + 1 }, 'email handling failed');
        if (isIntakeError(error) && !error.retryable) throw new UnrecoverableError(error.message);
        throw error;
      }
    },
    { connection: options.connection, prefix: options.prefix, concurrency: options.concurrency, ...WORKER_LOCK },
  );
  worker.on('error', (error) => options.logger.error({ err: error }, 'intake worker error'));
  worker.on('failed', (job, error) => {
    if (!job) return;
    void (async () => {
      // 'failed' fires for every failed attempt; only a job that will not be retried is handed to staff.
      if ((await job.getState()) !== 'failed') return;
      const emailId = (job.data as { emailId?: unknown }).emailId;
      if (typeof emailId !== 'string') return;
      const code = isIntakeError(error) ? error.code : error.name;
      await giveUpOnEmail(emailId, code, deps);
    })().catch((failure: unknown) => options.logger.error({ err: failure, jobId: job.id }, 'could not hand a failed email to review'));
  });
  return worker;
}
