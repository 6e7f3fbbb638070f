import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { RedisClient } from '../src/redis.js';
import type { z } from 'zod';
import { isIntakeError } from '../src/errors.js';
import type { MetricsCounters } from '../src/metrics/counters.js';
import type { Logger } from '../src/logger.js';
import { CATALOGUE, parsePayload, WORKER_LOCK, type Payload, type Stage } from '../src/queues.js';

export interface StageSpec<T> {
  handle: (payload: T) => Promise<unknown>;
  /** Called once when the last attempt has failed, so the work ends in a state staff can see. */
  giveUp?: (payload: T, cause: string) => Promise<void>;
  /** A short, personal-data-free description of the payload for the log. */
  describe: (payload: T) => Record<string, string>;
}

export interface ShellOptions {
  connection: RedisClient;
  prefix: string;
  concurrency: number;
  logger: Logger;
  limiter?: { max: number; duration: number };
  /** Job counts and durations for /metrics. */
  metrics?: MetricsCounters;
  /** False for a worker that runs only once started (the mailbox stages, while this instance holds the watcher lease). */
  autorun?: boolean;
}

/** A handler for each of the given stages, and per-stage changes to the shell's options; a missing or extra stage does not compile. */
export type StageHandlers<S extends Stage> = { [K in S]: StageSpec<Payload<K>> & { options?: Partial<ShellOptions> } };

/** Starts one worker per stage, each in the shell. */
export function startStageWorkers<S extends Stage>(handlers: StageHandlers<S>, options: ShellOptions): Worker[] {
  return (Object.keys(handlers) as S[]).map((stage) => {
    const { options: own, ...spec } = handlers[stage];
    return startStageWorker(stage, spec as StageSpec<Payload<S>>, { ...options, ...own });
  });
}

const UNBOUND_LIMITER = { max: 100_000, duration: 1_000 };

/** The BullMQ shell around a plain handler: payload check, a child logger per job, retry classification. */
export function startStageWorker<S extends Stage>(stage: S, spec: StageSpec<Payload<S>>, options: ShellOptions): Worker {
  // TypeScript cannot follow a generic key into the catalogue's union of schemas; Payload<S> is defined by this one.
  const schema = CATALOGUE[stage].schema as unknown as z.ZodType<Payload<S>>;
  const worker = new Worker(
    stage,
    async (job: Job) => {
      const payload = parsePayload(schema, job.data);
      const log = options.logger.child({ queue: stage, jobId: job.id, ...spec.describe(payload) });
      const started = performance.now();
      const timed = (result: string) => void options.metrics?.jobFinished(stage, (performance.now() - started) / 1000, result);
      try {
        const result = await spec.handle(payload);
        timed(typeof result === 'string' ? result : 'done');
        log.info({ result }, 'job done');
        return result;
      } catch (error) {
        if (isIntakeError(error) && error.retryAfterMs !== null) {
          timed('deferred');
          // The sender, not this job, cannot go on: every job of the queue waits, none uses up an attempt.
          log.info({ code: error.code, retryInMs: error.retryAfterMs }, 'sender unavailable; the queue waits');
          await worker.rateLimit(error.retryAfterMs);
          throw Worker.RateLimitError();
        }
        timed('failed');
        log.warn({ err: error, attempt: job.attemptsMade + 1 }, 'job failed');
        if (isIntakeError(error) && !error.retryable) throw new UnrecoverableError(error.message);
        throw error;
      }
    },
    // BullMQ honours worker.rateLimit() only on a worker with a limiter; the default one never binds.
    {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency,
      limiter: options.limiter ?? UNBOUND_LIMITER,
      autorun: options.autorun ?? true,
      ...WORKER_LOCK,
    },
  );
  worker.on('error', (error) => options.logger.error({ err: error, queue: stage }, 'worker error'));
  worker.on('failed', (job, error) => {
    if (!job || !spec.giveUp) return;
    const giveUp = spec.giveUp;
    void (async () => {
      // 'failed' fires for every failed attempt; only a job that will not be retried is handed to staff.
      if ((await job.getState()) !== 'failed') return;
      const parsed = schema.safeParse(job.data);
      if (!parsed.success) return;
      await giveUp(parsed.data, isIntakeError(error) ? error.code : error.name);
    })().catch((failure: unknown) => options.logger.error({ err: failure, jobId: job.id }, 'could not hand a failed job to staff'));
  });
  return worker;
}
