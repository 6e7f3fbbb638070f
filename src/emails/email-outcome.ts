import type { Config } from '../config.js';
import type { Enqueue } from '../enqueue.js';
import type { SubmissionOutcome } from '../submissions/submission-record.js';
import { FINAL_SUBMISSION_STATES, type SubmissionStore } from '../submissions/submission-store.js';
import type { EmailRecord, EmailStore, Outcome } from './email-store.js';

/** What deciding an email needs: its record, its forms, and a way to queue its filing. */
export interface EmailOutcomeDeps {
  config: Config;
  emails: EmailStore;
  submissions: SubmissionStore;
  enqueue: Pick<Enqueue, 'filing'>;
}

export function folderFor(outcome: Outcome, config: Config): string {
  const { folders } = config.imap;
  return { processed: folders.processed, accepted: folders.accepted, rejected: folders.rejected, review: folders.review }[outcome];
}

/** Records the email's outcome and sends it to its folder; the inbox copy moves only after this. */
export async function decideEmail(
  record: EmailRecord,
  decision: { outcome: Outcome; reason: string; replyKind?: string },
  deps: Omit<EmailOutcomeDeps, 'submissions'>,
): Promise<void> {
  const decidedAt = await deps.emails.recordOutcome(record.emailId, { ...decision, folder: folderFor(decision.outcome, deps.config) });
  // An email filed before and read again at staff's request moves on from its folder, under a job of its own.
  if (record.filedAt !== undefined || record.filedLocation) await deps.enqueue.filing({ emailId: record.emailId, decidedAt });
  else await deps.enqueue.filing({ emailId: record.emailId, uidValidity: record.uidValidity, uid: record.uid });
}

function emailOutcome(submissions: SubmissionOutcome[]): { outcome: Outcome; reason: string } {
  const review = submissions.filter((s) => s.state === 'review' || s.attention.length > 0);
  if (review.length > 0) {
    return { outcome: 'review', reason: review.map((s) => `${s.reference}: ${[s.reason, ...s.attention].filter(Boolean).join('; ')}`).join(' | ') };
  }
  if (submissions.some((s) => s.state === 'rejected')) return { outcome: 'rejected', reason: 'rejection sent' };
  return { outcome: 'accepted', reason: 'organisation set up and activation emails queued' };
}

/**
 * Once every form of an email has reached a final state, the email's own outcome follows from them: any
 * form for staff sends it to Review, else any rejected form to Rejected, else Accepted.
 */
export async function completeEmailIfDone(emailId: string, deps: EmailOutcomeDeps): Promise<void> {
  const submissions = await deps.submissions.outcomesForEmail(emailId);
  if (submissions.length === 0 || submissions.some((s) => !FINAL_SUBMISSION_STATES.includes(s.state))) return;
  const record = await deps.emails.get(emailId);
  if (!record) return;
  const outcome = emailOutcome(submissions);
  if (record.state === 'in-progress') return decideEmail(record, outcome, deps);
  if (record.outcome !== undefined && record.outcome !== outcome.outcome) {
    // Staff accepted, rejected or retried a form after the email was decided: it moves on from wherever it is.
    const decidedAt = await deps.emails.recordOutcome(emailId, { ...outcome, folder: folderFor(outcome.outcome, deps.config) });
    await deps.enqueue.filing({ emailId, decidedAt });
    return;
  }
  if (record.state !== 'filed') await deps.enqueue.filing({ emailId, uidValidity: record.uidValidity, uid: record.uid });
}
