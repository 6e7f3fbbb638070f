import type { Job } from 'bullmq';
import type { AttentionItem } from '../../../src/staff/attention/attention-item.js';
import { expiredActivationItems } from '../../../src/staff/attention/expired-activations.js';
import { failedJobItems, failedJobs } from '../../../src/staff/attention/failed-jobs.js';
import { heldFormItems } from '../../../src/staff/attention/held-forms.js';
import { reviewEmailItems } from '../../../src/staff/attention/review-emails.js';
import { withNames } from '../../../src/staff/named-ids.js';
import type { EmailRecord } from '../../../src/emails/email-store.js';
import type { Submission } from '../../../src/submissions/submission-store.js';
import type { StaffDeps } from './deps.js';
import { recentSubmissions, SCAN_LIMIT } from './recent-submissions.js';
import { sendersOf } from './senders.js';

const GAVE_UP = /^could not be handled automatically/;

/**
 * Everything waiting on a person, oldest first: forms held for review or with points to look at, emails held
 * without a form, jobs that failed for good and activation links that expired. A failed job that left its form or
 * email in review is shown once, as the job, whose retry is what resolves it.
 */
export async function needsAttention(deps: StaffDeps): Promise<AttentionItem[]> {
  const marks = deps.attentionMarks;
  const [{ submissions }, emails, failed, resent] = await Promise.all([
    recentSubmissions(deps),
    deps.emails.listNewest(SCAN_LIMIT),
    failedJobs(deps.queues, marks),
    marks.resentActivations(),
  ]);
  const failedIds = new Set(failed.map(({ job }) => job.id));
  const bySubmission = new Map(submissions.map((s) => [s.submissionId, s]));
  const byEmail = new Map(emails.map((e) => [e.emailId, e]));
  const held = submissions.filter(
    (s) => !(s.attention.length === 0 && GAVE_UP.test(s.reason) && (failedIds.has(`validate-${s.submissionId}`) || failedIds.has(`setup-${s.submissionId}`))),
  );
  const heldEmails = emails.filter((e) => !(GAVE_UP.test(e.outcomeReason ?? '') && failedIds.has(`email-${e.emailId}`)));
  const [senders, names] = await Promise.all([
    sendersOf(
      held.filter((s) => !s.registration),
      deps,
    ),
    pointNames(held, deps),
  ]);
  const references = new Map(submissions.map((s) => [s.reference, s.submissionId]));
  const items = [
    ...heldFormItems(held, senders, names),
    ...reviewEmailItems(heldEmails, new Set(submissions.map((s) => s.emailId)), references),
    ...failedJobItems(failed, (job) => aboutJob(job, bySubmission, byEmail)),
    ...(await expiredActivationItems(deps.registry, resent)),
  ];
  return items.sort((a, b) => a.since - b.since);
}

async function pointNames(submissions: readonly Submission[], deps: Pick<StaffDeps, 'registry'>): Promise<Map<string, string>> {
  const points = [...new Set(submissions.flatMap((s) => s.attention))];
  const named = await withNames(points, deps.registry);
  return new Map(points.map((point, i) => [point, named[i]!]));
}

function aboutJob(job: Job, submissions: ReadonlyMap<string, Submission>, emails: ReadonlyMap<string, EmailRecord>) {
  const data = (job.data ?? {}) as { submissionId?: string; emailId?: string };
  const submission = data.submissionId ? submissions.get(data.submissionId) : undefined;
  if (submission) {
    const who = submission.registration?.organisation.name ?? emails.get(submission.emailId)?.envelope?.replyAddress ?? 'Sender not known';
    return { who, link: { href: `/staff/submissions/${submission.submissionId}`, text: submission.reference } };
  }
  const email = data.emailId ? emails.get(data.emailId) : undefined;
  return email ? { who: email.envelope?.replyAddress || 'Sender not read', link: null } : null;
}
