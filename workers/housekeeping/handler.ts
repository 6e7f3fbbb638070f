import { expireDue } from '../../src/registry/activation-flow.js';
import type { PipelineDeps } from '../pipeline.js';

export interface SweepResult {
  reminders: number;
  expired: number;
}

/**
 * Runs every few minutes: queues the day-21 reminder for each link still unused, and marks accounts whose
 * link ran out as expired (staff can then send a fresh link). The reminder job's id carries the due time,
 * so a sweep repeated after a crash queues nothing twice.
 */
export type SweepDeps = Pick<PipelineDeps, 'tokens' | 'registry' | 'userSubmissions'> & { enqueue: Pick<PipelineDeps['enqueue'], 'notify'> };

export async function handleActivationSweep(deps: SweepDeps): Promise<SweepResult> {
  let reminders = 0;
  for (const due of await deps.tokens.dueReminders()) {
    const submissionId = await deps.userSubmissions.get(due.userId);
    if (submissionId) {
      await deps.enqueue.notify({ kind: 'activation-reminder', userId: due.userId, submissionId, round: `r${due.dueAt.getTime()}` });
      reminders += 1;
    }
    await deps.tokens.markReminded(due.userId);
  }
  const expired = await expireDue(deps);
  return { reminders, expired: expired.length };
}
