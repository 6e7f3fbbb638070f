import type { FastifyInstance } from 'fastify';
import { loginSummaries } from '../../../src/mail-auth/login-overview.js';
import { FINAL_SUBMISSION_STATES, type Submission, type SubmissionState } from '../../../src/submissions/submission-store.js';
import type { StaffDeps } from './deps.js';
import { needsAttention } from './needs-attention.js';
import { queueDepths } from './queue-depths.js';
import { page } from './render.js';
import { recentSubmissions } from './recent-submissions.js';

const STATES: SubmissionState[] = ['received', 'queued-for-setup', 'review', 'rejected', 'accepted'];
const HOUR = 3600_000;

function countsByState(submissions: Submission[]) {
  const counts = Object.fromEntries(STATES.map((state) => [state, 0])) as Record<SubmissionState, number>;
  for (const submission of submissions) counts[submission.state] += 1;
  return counts;
}

/** What is waiting, what failed and how fast work is going, at a glance. */
export function registerOverview(app: FastifyInstance, deps: StaffDeps): void {
  // Bookmarks and typed addresses often end in a slash; the router treats /staff/ as a different page.
  app.get('/staff/', { config: { role: 'viewer' } }, async (_request, reply) => reply.redirect('/staff', 301));
  app.get('/staff', { config: { role: 'viewer' } }, async (request, reply) => {
    const now = Date.now();
    const { submissions, scanned } = await recentSubmissions(deps);
    const [depths, emailsHour, emailsDay, authStates, attention] = await Promise.all([
      queueDepths(deps.queues),
      deps.emails.count(now - HOUR),
      deps.emails.count(now - 24 * HOUR),
      deps.authHealth.read(),
      needsAttention(deps),
    ]);
    const finishedSince = (since: number) => submissions.filter((s) => FINAL_SUBMISSION_STATES.includes(s.state) && s.updatedAt >= since).length;
    const waiting = submissions.filter((s) => !FINAL_SUBMISSION_STATES.includes(s.state) || s.attention.length > 0);
    const oldestWaiting = waiting.reduce<Submission | null>((oldest, s) => (!oldest || s.createdAt < oldest.createdAt ? s : oldest), null);
    const oldestJob = depths.reduce<{ queue: string; at: number } | null>(
      (oldest, d) => (d.oldestWaitingAt !== null && (!oldest || d.oldestWaitingAt < oldest.at) ? { queue: d.queue, at: d.oldestWaitingAt } : oldest),
      null,
    );
    return page(request, reply, 'overview', {
      title: 'Overview',
      counts: countsByState(submissions),
      states: STATES,
      scanned,
      depths,
      throughput: { emailsHour, emailsDay, finishedHour: finishedSince(now - HOUR), finishedDay: finishedSince(now - 24 * HOUR) },
      oldestWaiting,
      attention: { count: attention.length, oldest: attention[0] ?? null },
      oldestJob,
      logins: loginSummaries(deps.config, authStates, now),
    });
  });
}
