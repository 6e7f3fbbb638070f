import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { Queue, type Job, type Worker } from 'bullmq';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { loadRedisConfig } from '../src/config.js';
import { IntakeError, type IntakeErrorCode } from '../src/errors.js';
import { createLogger } from '../src/logger.js';
import { createRedis, keysFor, type RedisClient } from '../src/redis.js';
import { failedJobItems } from '../src/staff/attention/failed-jobs.js';
import { jobFailureWords } from '../src/staff/plain-words.js';
import { SubmissionStore } from '../src/submissions/submission-store.js';
import { startStageWorker } from '../workers/shell.js';
import { waitFor } from './helpers/environment.js';

const SUBMISSION = { submissionId: `${'ab'.repeat(16)}-1` };

/** The shell around a stage handler, on a real redis-server: what a thrown error does to the job, and what staff read. */
describe('worker shell: one error path', () => {
  let connection: RedisClient;
  let prefix: string;
  let queue: Queue;
  let worker: Worker | undefined;
  const logLines: Array<Record<string, unknown>> = [];
  const logStream = new PassThrough();
  logStream.on('data', (chunk: Buffer) =>
    chunk
      .toString()
      .split('\n')
      .filter(Boolean)
      .forEach((line) => logLines.push(JSON.parse(line))),
  );
  const logger = createLogger({ level: 'info', pretty: false, destination: logStream });

  beforeAll(() => {
    connection = createRedis(loadRedisConfig({ REDIS_URL: inject('redisUrl') }).redis, 'shell-errors-test');
  });
  afterAll(async () => {
    await connection.quit();
  });
  afterEach(async () => {
    await worker?.close();
    worker = undefined;
    await queue.obliterate({ force: true });
    await queue.close();
  });

  /** Runs `handle` as the validate stage under a prefix of its own; returns what it was called with and what giveUp got. */
  function runStage(handle: (attempt: number) => Promise<unknown>) {
    prefix = `shell-${randomBytes(5).toString('hex')}`;
    queue = new Queue('validate', { connection, prefix });
    const calls = { handled: 0, gaveUp: [] as IntakeErrorCode[] };
    worker = startStageWorker(
      'validate',
      {
        describe: (p) => ({ submissionId: p.submissionId }),
        handle: () => handle(++calls.handled),
        giveUp: async (_payload, code) => void calls.gaveUp.push(code),
      },
      { connection, prefix, concurrency: 1, logger },
    );
    return calls;
  }
  const add = (data: unknown, attempts = 3) =>
    queue.add('validate', data, { jobId: `job-${randomBytes(4).toString('hex')}`, attempts, backoff: { type: 'fixed', delay: 50 } });
  const failedForGood = async (job: Job) => {
    await waitFor(async () => (await job.getState()) === 'failed', 'the job to fail for good', 30_000);
    return (await queue.getJob(job.id!))!;
  };
  /** A job allowed three attempts that fails on its first, recording `code: message`, and is handed to giveUp with its code. */
  const failsAtOnce = async (calls: ReturnType<typeof runStage>, code: IntakeErrorCode, message: string) => {
    const job = await failedForGood(await add(SUBMISSION, 3));
    expect(calls.handled).toBe(1);
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toBe(`${code}: ${message}`);
    await waitFor(async () => calls.gaveUp.length > 0, 'giveUp to be called');
    expect(calls.gaveUp).toEqual([code]);
    return job;
  };

  it('fails a job at once on an IntakeError that is not retryable, and giveUp and staff get its code', async () => {
    const calls = runStage(async () => {
      throw new IntakeError('MISSING_RECORD', 'No submission abab');
    });
    const job = await failsAtOnce(calls, 'MISSING_RECORD', 'No submission abab');
    const [item] = failedJobItems([{ queue: 'validate', job, failedAt: job.finishedOn! }], () => null);
    expect(item!.reasons[0]).toBe('Checking forms failed after 1 attempt(s): What the job was about no longer exists: No submission abab');
  });

  it('retries a retryable IntakeError, and a job that then succeeds is not handed to staff', async () => {
    const calls = runStage(async (attempt) => {
      if (attempt < 3) throw new IntakeError('SMTP_TEMPORARY', 'The mail server did not accept the reply (421)');
      return 'accepted';
    });
    const job = await add(SUBMISSION, 3);
    await waitFor(async () => (await job.getState()) === 'completed', 'the job to succeed on its third attempt', 30_000);
    expect(calls.handled).toBe(3);
    expect(calls.gaveUp).toEqual([]);
  });

  it('retries an unexpected error, then reports it as UNEXPECTED with its cause kept', async () => {
    const calls = runStage(async () => {
      throw new TypeError('cannot read the form');
    });
    const job = await failedForGood(await add(SUBMISSION, 2));
    expect(calls.handled).toBe(2);
    expect(job.failedReason).toBe('UNEXPECTED: cannot read the form');
    expect(job.stacktrace?.at(-1)).toContain('caused by: TypeError: cannot read the form');
    await waitFor(async () => calls.gaveUp.length > 0, 'giveUp to be called');
    expect(calls.gaveUp).toEqual(['UNEXPECTED']);
    const logged = logLines.filter((line) => line.msg === 'job failed' && line.jobId === job.id);
    expect(logged.map((line) => line.code)).toEqual(['UNEXPECTED', 'UNEXPECTED']);
    expect(JSON.stringify(logged[0]!.err)).toContain('cannot read the form');
    expect(jobFailureWords(job.failedReason)).toBe('An unexpected error: cannot read the form');
  });

  it('fails at once as CORRUPT_RECORD when the record the stage reads back is damaged, and staff read why', async () => {
    const keys = keysFor(`corrupt-${randomBytes(5).toString('hex')}`);
    const submissions = new SubmissionStore(connection, keys);
    // A record in the wrong shape, as a hand edit or a long-gone version might leave it; its values are never shown.
    await connection.hset(keys.submissionRecord(SUBMISSION.submissionId), { submissionId: SUBMISSION.submissionId, createdAt: 'yesterday', updatedAt: '1' });
    try {
      const calls = runStage(() => submissions.get(SUBMISSION.submissionId));
      const job = await failsAtOnce(calls, 'CORRUPT_RECORD', 'The stored submission record is unreadable (createdAt)');
      expect(jobFailureWords(job.failedReason)).toBe(
        'What the service stored about it cannot be read (the record is damaged and needs a person to look at it): The stored submission record is unreadable (createdAt)',
      );
    } finally {
      await connection.del(keys.submissionRecord(SUBMISSION.submissionId));
    }
  });

  it('fails a malformed payload at once as MALFORMED_PAYLOAD, without calling the handler', async () => {
    const calls = runStage(async () => 'never');
    const job = await failedForGood(await add({ submissionId: 'not-a-submission' }, 3));
    expect(calls.handled).toBe(0);
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toMatch(/^MALFORMED_PAYLOAD: /);
    expect(jobFailureWords(job.failedReason)).toMatch(/^The job was not understood/);
  });
});
