import type { JobsOptions, Queue } from 'bullmq';
import { CATALOGUE, type EnqueuedStage, type Payload, type QueueName } from './queues.js';

/** A priority only for a stage the catalogue marks as prioritised; nothing else may be set per job. */
export type EnqueueOptions<S extends EnqueuedStage> = (typeof CATALOGUE)[S] extends { prioritised: true } ? [options: { priority: number }] : [];

/** One function per stage: validates the payload and queues it under the catalogue's job name, id and options. */
export type Enqueue = { [S in EnqueuedStage]: (payload: Payload<S>, ...options: EnqueueOptions<S>) => Promise<void> };

/**
 * Queues a job of one stage. A second job with the id of one already in the queue (waiting, running or kept
 * after finishing) is not added: that is what makes a second pickup of the same email harmless.
 */
export async function enqueue<S extends EnqueuedStage>(
  queues: Record<QueueName, Pick<Queue, 'add'>>,
  stage: S,
  payload: Payload<S>,
  ...options: EnqueueOptions<S>
): Promise<void> {
  const entry = CATALOGUE[stage];
  // A producer's mistake fails here, in the producer, rather than as a malformed job a worker gives up on.
  const job = entry.schema.parse(payload) as never;
  const priority = entry.prioritised ? (options[0] as { priority: number } | undefined)?.priority : undefined;
  const opts: JobsOptions = { ...entry.options, jobId: entry.jobId(job), ...(priority === undefined ? {} : { priority }) };
  await queues[stage].add(entry.jobName(job), job, opts);
}

type PendingJob = { job: { name: string; data: unknown; opts: JobsOptions }; resolve: () => void; reject: (error: unknown) => void };

/**
 * A queue's `add` that sends the jobs asked for in the same turn of the event loop to Redis together (one addBulk),
 * as a scan's pickup asks for a group's intake jobs at once: one write to Redis instead of one per job. Each job
 * is still added under its own id, so one already there is still not added twice.
 */
export function gatheringAdds(queue: Queue): Pick<Queue, 'add'> {
  let pending: PendingJob[] = [];
  const flush = async () => {
    const batch = pending;
    pending = [];
    try {
      const [only] = batch;
      if (batch.length === 1 && only) await queue.add(only.job.name, only.job.data, only.job.opts);
      else await queue.addBulk(batch.map((entry) => entry.job));
      for (const entry of batch) entry.resolve();
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    }
  };
  return {
    add: ((name: string, data: unknown, opts: JobsOptions) =>
      new Promise<void>((resolve, reject) => {
        pending.push({ job: { name, data, opts }, resolve, reject });
        // After the promise callbacks of this turn have run: those are the other jobs asked for alongside.
        if (pending.length === 1) process.nextTick(() => void flush());
      })) as unknown as Queue['add'],
  };
}

/** The enqueue functions for every stage, bound to this process's queues. */
export function createEnqueue(allQueues: Record<QueueName, Queue>): Enqueue {
  const queues = Object.fromEntries(Object.entries(allQueues).map(([name, queue]) => [name, gatheringAdds(queue)])) as Record<QueueName, Pick<Queue, 'add'>>;
  const stages = Object.keys(CATALOGUE).filter((stage): stage is EnqueuedStage => 'jobId' in CATALOGUE[stage as QueueName]);
  return Object.fromEntries(
    stages.map((stage) => [stage, (payload: never, ...options: never[]) => enqueue(queues, stage, payload, ...(options as []))]),
  ) as unknown as Enqueue;
}
