import type { Queue } from 'bullmq';
import type { QueueName } from '../../../src/queues.js';

export const DEPTH_STATES = ['waiting', 'prioritized', 'delayed', 'active', 'failed', 'completed'] as const;
export type DepthState = (typeof DEPTH_STATES)[number];

export interface QueueDepth {
  queue: QueueName;
  counts: Record<DepthState, number>;
  /** When the job that has waited longest was added, if any is waiting. */
  oldestWaitingAt: number | null;
}

/** How many jobs each queue holds in each state, read from BullMQ at the moment of asking. */
export async function queueDepths(queues: Record<QueueName, Queue>): Promise<QueueDepth[]> {
  return Promise.all(
    (Object.entries(queues) as Array<[QueueName, Queue]>).map(async ([name, queue]) => {
      const counts = (await queue.getJobCounts(...DEPTH_STATES)) as Record<DepthState, number>;
      const waiting = await queue.getJobs(['waiting', 'prioritized'], 0, 200, true);
      const oldest = waiting.reduce<number | null>((min, job) => (min === null || job.timestamp < min ? job.timestamp : min), null);
      return { queue: name, counts, oldestWaitingAt: oldest };
    }),
  );
}
