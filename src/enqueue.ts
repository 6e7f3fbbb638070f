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
  queues: Record<QueueName, Queue>,
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

/** The enqueue functions for every stage, bound to this process's queues. */
export function createEnqueue(queues: Record<QueueName, Queue>): Enqueue {
  const stages = Object.keys(CATALOGUE).filter((stage): stage is EnqueuedStage => 'jobId' in CATALOGUE[stage as QueueName]);
  return Object.fromEntries(
    stages.map((stage) => [stage, (payload: never, ...options: never[]) => enqueue(queues, stage, payload, ...(options as []))]),
  ) as unknown as Enqueue;
}
