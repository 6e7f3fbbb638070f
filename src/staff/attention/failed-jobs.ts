import type { Job, Queue } from 'bullmq';
import type { QueueName } from '../../queues.js';
import { jobFailureWords, queueWords } from '../plain-words.js';
import type { AttentionMarks } from './attention-marks.js';
import type { AttentionItem } from './attention-item.js';

/** How many failed jobs per queue the page reads; more than this is an outage, which the overview shows. */
const READ_PER_QUEUE = 200;

export interface FailedJob {
  queue: QueueName;
  job: Job;
  failedAt: number;
}

/** Jobs that failed for good (no attempts left) in every queue, less those staff dismissed. */
export async function failedJobs(queues: Record<QueueName, Queue>, marks: AttentionMarks): Promise<FailedJob[]> {
  const dismissed = await marks.dismissedJobs();
  const perQueue = await Promise.all(
    (Object.entries(queues) as Array<[QueueName, Queue]>).map(async ([queue, q]) => {
      const jobs = await q.getFailed(0, READ_PER_QUEUE - 1);
      return jobs
        .filter((job): job is Job & { id: string } => Boolean(job?.id))
        .map((job) => ({ queue, job, failedAt: job.finishedOn ?? job.timestamp }))
        .filter((failed) => !marks.isDismissed(dismissed, queue, failed.job.id!, failed.failedAt));
    }),
  );
  return perQueue.flat();
}

/** `whoFor` names the firm or sender a job's payload points at, when it points at one. */
export function failedJobItems(jobs: readonly FailedJob[], whoFor: (job: Job) => { who: string; link: AttentionItem['link'] } | null): AttentionItem[] {
  return jobs.map(({ queue, job, failedAt }) => {
    const about = whoFor(job);
    return {
      key: `job:${queue}:${job.id}`,
      source: 'job',
      since: failedAt,
      who: about?.who ?? queueWords(queue),
      reasons: [`${queueWords(queue)} failed after ${job.attemptsMade} attempt(s): ${jobFailureWords(job.failedReason)}`],
      link: about?.link ?? null,
      actions: [
        { kind: 'retry-job', queue, jobId: job.id! },
        { kind: 'dismiss-job', queue, jobId: job.id! },
      ],
    };
  });
}
