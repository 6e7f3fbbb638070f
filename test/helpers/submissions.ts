import type { SubmissionStore } from '../../src/submissions/submission-store.js';
import { waitFor } from './environment.js';

/** Waits until exactly `count` forms have been checked and are waiting for set-up (its queue held paused by the test). */
export function formsAwaitingSetup(submissions: SubmissionStore, count: number, what: string, timeoutMs: number): Promise<true> {
  return waitFor(
    async () => {
      const { submissions: all } = await submissions.listNewest(0, Math.max(10, count * 2));
      return all.length === count && all.every((s) => s.state === 'queued-for-setup');
    },
    what,
    timeoutMs,
  );
}
