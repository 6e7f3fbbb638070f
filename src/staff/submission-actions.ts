import type { Job, Queue } from 'bullmq';
import type { Config } from '../config.js';
import type { CourtDirectory } from '../courts/court-directory.js';
import { completeEmailIfDone, type EmailOutcomeDeps } from '../emails/email-outcome.js';
import type { EmailStore } from '../emails/email-store.js';
import { createEnqueue, enqueue } from '../enqueue.js';
import { applyOverride, priorityFor, type PriorityOverride } from '../priority/priority.js';
import type { PriorityOverrides } from '../priority/priority-overrides.js';
import { jobIds, type NotifyJob, type QueueName, type ReplyJob } from '../queues.js';
import type { AccountRegistry } from '../registry/account-registry.js';
import type { Submission, SubmissionStore } from '../submissions/submission-store.js';
import type { AuditActor, AuditLog } from './audit-log.js';
import { queueWords } from './plain-words.js';

export interface ActionDeps {
  config: Config;
  emails: EmailStore;
  submissions: SubmissionStore;
  registry: AccountRegistry;
  overrides: PriorityOverrides;
  courts: CourtDirectory;
  queues: Record<QueueName, Queue>;
  audit: AuditLog;
}

/** What an action did, in words for the page; `ok: false` means nothing changed. */
export type ActionResult = { ok: true; message: string } | { ok: false; message: string };

const WAITING = ['waiting', 'prioritized', 'delayed', 'waiting-children'];

function emailOutcomeDeps(deps: ActionDeps): EmailOutcomeDeps {
  return { config: deps.config, emails: deps.emails, submissions: deps.submissions, enqueue: createEnqueue(deps.queues) };
}

/** Retries the submission's failed jobs, putting the form back to the state the failed stage expects. */
export async function retry(submission: Submission, by: AuditActor, deps: ActionDeps): Promise<ActionResult> {
  const stages = [
    { queue: deps.queues.intake, id: jobIds.intake({ emailId: submission.emailId }), resetTo: null },
    { queue: deps.queues.validate, id: jobIds.validate(submission), resetTo: 'received' as const },
    { queue: deps.queues.setup, id: jobIds.setup(submission), resetTo: 'queued-for-setup' as const },
  ];
  const failed: Array<{ job: Job; resetTo: Submission['state'] | null; name: string }> = [];
  for (const stage of stages) {
    const job = await stage.queue.getJob(stage.id);
    if (job && (await job.getState()) === 'failed') failed.push({ job, resetTo: stage.resetTo, name: stage.queue.name });
  }
  if (failed.length === 0) return { ok: false, message: 'There is no failed job to retry for this submission' };
  const retried = failed.map((stage) => queueWords(stage.name).toLowerCase()).join(' and ');
  // Recorded before the jobs run again, so what they write follows the staff action on the timeline.
  await deps.audit.record({ ...by, action: 'staff-retry', detail: `retried ${retried}`, submissionId: submission.submissionId });
  for (const { job, resetTo } of failed) {
    if (resetTo) await deps.submissions.update(submission.submissionId, { state: resetTo, reason: '' });
    await job.retry('failed');
  }
  return { ok: true, message: `Retried: ${retried}` };
}

async function replaceSetupJob(submission: Submission, priority: number, deps: ActionDeps): Promise<void> {
  const job = await deps.queues.setup.getJob(jobIds.setup(submission));
  // A finished job keeps its id; it must go before a new one with that id can be queued.
  if (job && !(await job.isActive())) await job.remove();
  await enqueue(deps.queues, 'setup', { submissionId: submission.submissionId }, { priority });
}

async function currentPriority(submission: Submission, deps: ActionDeps, override: PriorityOverride | null) {
  const courts = await deps.courts.list();
  const computed = priorityFor(
    (submission.registration?.courts ?? []).map((code) => courts.find((court) => court.code === code)),
    new Date(),
  );
  return applyOverride(computed, override);
}

/**
 * Staff overrule the checks: a form held for review (or rejected) whose answers could be read is set up
 * anyway; an accepted form flagged for attention is marked as looked at.
 */
export async function acceptDespiteWarnings(submission: Submission, note: string, by: AuditActor, deps: ActionDeps): Promise<ActionResult> {
  const id = submission.submissionId;
  if (submission.state === 'accepted' && submission.attention.length > 0) {
    await deps.submissions.update(id, { attention: [] });
    await deps.audit.record({ ...by, action: 'staff-accepted', detail: `points for attention cleared${note ? `: ${note}` : ''}`, submissionId: id });
    await completeEmailIfDone(submission.emailId, emailOutcomeDeps(deps));
    return { ok: true, message: 'Marked as looked at' };
  }
  if (!['review', 'rejected'].includes(submission.state) || !submission.registration) {
    return { ok: false, message: 'Only a form held for review or rejected, whose answers could be read, can be accepted' };
  }
  const priority = await currentPriority(submission, deps, await deps.overrides.get(id));
  await deps.submissions.update(id, { state: 'queued-for-setup', reason: '', priority: { value: priority.value, label: priority.label } });
  await deps.audit.record({ ...by, action: 'staff-accepted', detail: `accepted despite warnings${note ? `: ${note}` : ''}`, submissionId: id });
  await replaceSetupJob(submission, priority.value, deps);
  return { ok: true, message: 'Accepted: the organisation and users will be set up' };
}

/** Staff have looked at a form's points for attention (and done what they call for): they are cleared. */
export async function markLookedAt(submission: Submission, note: string, by: AuditActor, deps: ActionDeps): Promise<ActionResult> {
  if (submission.attention.length === 0) return { ok: false, message: 'This submission has nothing for attention' };
  await deps.submissions.update(submission.submissionId, { attention: [] });
  await deps.audit.record({
    ...by,
    action: 'staff-looked-at',
    detail: `points for attention cleared${note.trim() ? `: ${note.trim()}` : ''}`,
    submissionId: submission.submissionId,
  });
  await completeEmailIfDone(submission.emailId, emailOutcomeDeps(deps));
  return { ok: true, message: 'Marked as looked at' };
}

export async function rejectWithNote(submission: Submission, note: string, by: AuditActor, deps: ActionDeps): Promise<ActionResult> {
  if (submission.state === 'accepted' || submission.state === 'rejected') return { ok: false, message: `This submission is already ${submission.state}` };
  if (!note.trim()) return { ok: false, message: 'Enter a note saying why it is rejected' };
  const setup = await deps.queues.setup.getJob(jobIds.setup(submission));
  if (setup && WAITING.includes(await setup.getState())) await setup.remove();
  await deps.submissions.update(submission.submissionId, { state: 'rejected', reason: note.trim() });
  await deps.audit.record({ ...by, action: 'staff-rejected', detail: note.trim(), submissionId: submission.submissionId });
  // The firm only ever sees email: the worker sends them the note, threaded under their form.
  const reply: ReplyJob = { kind: 'staff-rejection', submissionId: submission.submissionId };
  await enqueue(deps.queues, 'reply', reply);
  await completeEmailIfDone(submission.emailId, emailOutcomeDeps(deps));
  return { ok: true, message: 'Rejected' };
}

/** Records the override (the worker reads it) and moves a set-up job that is still waiting. */
export async function changePriority(
  submission: Submission,
  level: PriorityOverride['level'],
  reason: string,
  by: AuditActor,
  deps: ActionDeps,
): Promise<ActionResult> {
  const override = { level, reason: reason.trim() || 'changed by staff', setBy: by.actor, setAt: new Date().toISOString() };
  await deps.overrides.set(submission.submissionId, override);
  const priority = await currentPriority(submission, deps, override);
  await deps.submissions.update(submission.submissionId, { priority: { value: priority.value, label: priority.label } });
  const job: Job | undefined = await deps.queues.setup.getJob(jobIds.setup(submission));
  const moved = job && ['waiting', 'prioritized'].includes(await job.getState());
  if (job && moved) await job.changePriority({ priority: priority.value });
  await deps.audit.record({
    ...by,
    action: 'staff-priority',
    detail: `priority set to ${level} (${override.reason})${moved ? '; waiting job moved' : ''}`,
    submissionId: submission.submissionId,
  });
  return { ok: true, message: `Priority set to ${level}` };
}

/** Queues a fresh activation email; the notify stage issues a new link and the old one stops working. */
export async function resendActivation(submission: Submission, userId: string, by: AuditActor, deps: ActionDeps): Promise<ActionResult> {
  const user = await deps.registry.getUser(userId);
  if (!user || user.organisationId !== submission.organisationId) return { ok: false, message: 'That user is not part of this submission' };
  if (user.activationState === 'activated') return { ok: false, message: 'That user has already activated their account' };
  const job: NotifyJob = { kind: 'activation', userId, submissionId: submission.submissionId, round: `resend-${Date.now()}` };
  // Recorded before the job is queued: a worker can send the email, and put that on the timeline, at once.
  await deps.audit.record({
    ...by,
    action: 'staff-resend-activation',
    detail: `new activation link for user ${userId}`,
    submissionId: submission.submissionId,
  });
  await enqueue(deps.queues, 'notify', job);
  return { ok: true, message: 'A new activation email is on its way' };
}
