import type { Job } from 'bullmq';
import type { EmailHandled } from '../emails/email-store.js';
import { enqueue } from '../enqueue.js';
import { jobIds, QUEUES, type QueueName } from '../queues.js';
import type { AuditActor } from './audit-log.js';
import type { AttentionMarks } from './attention/attention-marks.js';
import type { UserSubmissions } from '../registry/user-submissions.js';
import { resendActivation, retry, type ActionDeps, type ActionResult } from './submission-actions.js';

export type AttentionDeps = ActionDeps & { attentionMarks: AttentionMarks; userSubmissions: UserSubmissions };

const isQueue = (name: string): name is QueueName => (Object.values(QUEUES) as string[]).includes(name);

/** Closes an email held for review: staff dealt with it outside the service, and say how. */
export async function markEmailHandled(emailId: string, how: EmailHandled['how'], note: string, by: AuditActor, deps: AttentionDeps): Promise<ActionResult> {
  const email = await deps.emails.get(emailId);
  if (!email || email.outcome !== 'review' || email.handled) return { ok: false, message: 'That email is not waiting for staff' };
  if (how === 'handled' && !note.trim()) return { ok: false, message: 'Enter a note saying how the email was handled' };
  await deps.emails.recordHandled(emailId, { at: Date.now(), by: by.actor, how, note: note.trim() });
  const from = email.envelope?.replyAddress ?? 'an unknown sender';
  await deps.audit.record({
    ...by,
    action: how === 'handled' ? 'staff-handled' : 'staff-replied-by-hand',
    detail: `email from ${from}${note.trim() ? `: ${note.trim()}` : ''}`,
  });
  return { ok: true, message: how === 'handled' ? 'Marked as handled' : 'Recorded that a reply was sent by hand' };
}

/** Reads an email again from the start, as if just picked up: for one the service failed on, not one it judged. */
export async function reprocessEmail(emailId: string, by: AuditActor, deps: AttentionDeps): Promise<ActionResult> {
  const email = await deps.emails.get(emailId);
  if (!email || email.outcome !== 'review') return { ok: false, message: 'That email is not waiting for staff' };
  if (!(await deps.emails.getRaw(emailId)))
    return { ok: false, message: 'The email is no longer stored, so it cannot be read again; handle it from the mailbox' };
  const intake = deps.queues.intake;
  const job = await intake.getJob(jobIds.intake({ emailId }));
  if (job && (await job.isActive())) return { ok: false, message: 'The email is being read now' };
  await deps.audit.record({ ...by, action: 'staff-reprocess', detail: `email from ${email.envelope?.replyAddress ?? 'an unknown sender'} read again` });
  await deps.emails.requeue(emailId);
  if (job) await job.remove();
  await enqueue(deps.queues, 'intake', { emailId });
  return { ok: true, message: 'The email will be read again' };
}

async function failedJob(queue: string, jobId: string, deps: AttentionDeps): Promise<Job | null> {
  if (!isQueue(queue)) return null;
  const job = await deps.queues[queue].getJob(jobId);
  return job && (await job.getState()) === 'failed' ? job : null;
}

/** Runs a failed job again; a form's or an email's job first puts the form or email back where that stage starts. */
export async function retryFailedJob(queue: string, jobId: string, by: AuditActor, deps: AttentionDeps): Promise<ActionResult> {
  const job = await failedJob(queue, jobId, deps);
  if (!job) return { ok: false, message: 'That job has not failed, or no longer exists' };
  const { submissionId, emailId } = job.data as { submissionId?: string; emailId?: string };
  const submission = submissionId && ['validate', 'setup'].includes(queue) ? await deps.submissions.get(submissionId) : null;
  if (submission) return retry(submission, by, deps);
  if (queue === 'intake' && emailId) {
    const [first] = await deps.submissions.forEmail(emailId);
    if (first) return retry(first, by, deps);
    // The email was sent to Review when the job gave up: it is read again from the start.
    await deps.audit.record({
      ...by,
      action: 'staff-retry',
      detail: `retried reading the email from ${(await deps.emails.get(emailId))?.envelope?.replyAddress ?? 'an unknown sender'}`,
    });
    await deps.emails.requeue(emailId);
    await job.retry('failed');
    return { ok: true, message: 'Retried reading the email' };
  }
  await deps.audit.record({ ...by, action: 'staff-retry', detail: `retried the ${queue} job ${jobId}`, submissionId: submissionId ?? null });
  await job.retry('failed');
  return { ok: true, message: 'Retried the job' };
}

/** Leaves a failed job failed (BullMQ keeps it as history) and takes it off the list; the reason is audited. */
export async function dismissFailedJob(queue: string, jobId: string, note: string, by: AuditActor, deps: AttentionDeps): Promise<ActionResult> {
  const job = await failedJob(queue, jobId, deps);
  if (!job) return { ok: false, message: 'That job has not failed, or no longer exists' };
  await deps.attentionMarks.dismissJob(queue, jobId, job.finishedOn ?? job.timestamp);
  const { submissionId } = job.data as { submissionId?: string };
  await deps.audit.record({
    ...by,
    action: 'staff-dismissed-job',
    detail: `${queue} job ${jobId} left failed${note.trim() ? `: ${note.trim()}` : ''}`,
    submissionId: submissionId ?? null,
  });
  return { ok: true, message: 'Dismissed: the job stays failed and is off the list' };
}

/** A new activation link for a user whose link expired, from the submission that last invited them. */
export async function resendExpiredActivation(userId: string, by: AuditActor, deps: AttentionDeps): Promise<ActionResult> {
  const submissionId = await deps.userSubmissions.get(userId);
  const submission = submissionId ? await deps.submissions.get(submissionId) : null;
  if (!submission) return { ok: false, message: 'No submission invited that user, so no link can be sent from here' };
  const result = await resendActivation(submission, userId, by, deps);
  if (result.ok) await deps.attentionMarks.activationResent(userId);
  return result;
}
