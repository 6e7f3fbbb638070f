import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { RedisClient } from '../src/redis.js';
import type { z } from 'zod';
import { asIntakeError, failureCode, failureReason, type IntakeError, type IntakeErrorCode } from '../src/errors.js';
import type { MetricsCounters } from '../src/metrics/counters.js';
import type { Logger } from '../src/logger.js';
import { CATALOGUE, parsePayload, WORKER_LOCK, type Payload, type Stage } from '../src/queues.js';

export interface StageSpec<T> {
  handle: (payload: T) => Promise<unknown>;
  /** Called once when the last attempt has failed, with the failure's code, so the work ends in a state staff can see. */
  giveUp?: (payload: T, code: IntakeErrorCode) => Promise<void>;
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
      const started = performance.now();
      const timed = (result: string) => void options.metrics?.jobFinished(stage, (performance.now() - started) / 1000, result);
      // One child logger per job, made once the payload can describe it (a pino child serialises its bindings at once).
      const bindings: Record<string, string | undefined> = { queue: stage, jobId: job.id };
      let log = options.logger;
      try {
        const payload = parsePayload(schema, job.data);
        log = options.logger.child({ ...bindings, ...spec.describe(payload) });
        const result = await spec.handle(payload);
        timed(typeof result === 'string' ? result : 'done');
        log.info({ result }, 'job done');
        return result;
      } catch (thrown) {
        if (log === options.logger) log = options.logger.child(bindings);
        const error = asIntakeError(thrown);
        if (error.retryAfterMs !== null) {
          timed('deferred');
          // The sender, not this job, cannot go on: every job of the queue waits, none uses up an attempt.
          log.info({ code: error.code, retryInMs: error.retryAfterMs }, 'sender unavailable; the queue waits');
          await worker.rateLimit(error.retryAfterMs);
          throw Worker.RateLimitError();
        }
        timed('failed');
        log.warn({ code: error.code, retryable: error.retryable, attempt: job.attemptsMade + 1, err: error }, 'job failed');
        throw queueFailure(error);
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
      await giveUp(parsed.data, failureCode(error.message) ?? 'UNEXPECTED');
    })().catch((failure: unknown) => options.logger.error({ err: failure, jobId: job.id }, 'could not hand a failed job to staff'));
  });
  return worker;
}

/**
 * The one place an IntakeError becomes what BullMQ understands: a permanent one fails the job at once, and either
 * way the job records `CODE: message` as its failedReason and the cause's stack in its stacktrace.
 */
function queueFailure(error: IntakeError): Error {
  const reason = failureReason(error);
  const failure = error.retryable ? new Error(reason) : new UnrecoverableError(reason);
  failure.cause = error;
  failure.stack = stackWithCauses(error);
  return failure;
}

function stackWithCauses(error: unknown): string {
  const parts: string[] = [];
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) parts.push(e.stack ?? String(e));
  return parts.join('\ncaused by: ');
}
