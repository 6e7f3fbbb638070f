import { IntakeError } from '../../src/errors.js';
import type { Registration } from '../../src/form/index.js';
import { NOTIFY_BATCH_MAX, type SubmissionJob } from '../../src/queues.js';
import type { RegistrationInput, UserOutcome, UserRecord } from '../../src/registry/account-registry.js';
import { completeEmailIfDone } from '../../src/emails/email-outcome.js';
import type { PipelineDeps } from '../pipeline.js';

export type SetupResult = 'accepted' | 'review' | 'already-done';

/** The checked form as the registry takes it. */
export function registryInput(registration: Registration): RegistrationInput {
  const { organisation, identifiers, courts, administrator, users } = registration;
  return { organisation: { ...organisation, identifiers, courts, administrator }, administrator, users };
}

/**
 * Adds the organisation and its users to the platform (or updates an organisation already there, matched by
 * its LAA, SRA or Bar number) and queues an activation email for each user not yet invited. A user whose
 * email belongs to another organisation is left alone and flagged for staff.
 */
export async function handleSetup(job: SubmissionJob, deps: PipelineDeps): Promise<SetupResult> {
  const submission = await deps.submissions.get(job.submissionId);
  if (!submission) throw new IntakeError('MISSING_RECORD', `No submission ${job.submissionId}`);
  if (submission.state !== 'queued-for-setup') {
    await completeEmailIfDone(submission.emailId, deps);
    return 'already-done';
  }
  if (!submission.registration) throw new IntakeError('INCOMPLETE_RECORD', `Submission ${job.submissionId} has no registration to set up`);

  const result = await deps.registry.upsertOrganisation(registryInput(submission.registration), submission.submissionId);
  if (result.outcome === 'identifier-conflict') {
    const reason = `its LAA, SRA and Bar numbers match ${result.organisationIds.length} different organisations; nothing was changed`;
    await deps.submissions.update(submission.submissionId, { state: 'review', reason }, { event: 'review', detail: reason });
    await completeEmailIfDone(submission.emailId, deps);
    return 'review';
  }
  const attention = [...submission.attention];
  for (const user of result.users) {
    if (user.outcome === 'conflict') attention.push(`a user's email is already registered with organisation ${user.existingOrganisationId}`);
  }
  const toInvite = await usersToInvite(result.users, deps);
  // Batches are numbered in the form's order, so a retried set-up queues the same jobs and they are not added twice.
  // Asked for together, they go to the queue in one write, in that order.
  const batches: Promise<void>[] = [];
  for (let start = 0, batch = 0; start < toInvite.length; start += NOTIFY_BATCH_MAX, batch += 1) {
    const userIds = toInvite.slice(start, start + NOTIFY_BATCH_MAX);
    batches.push(deps.enqueue.notify({ kind: 'activation', userIds, batch, submissionId: submission.submissionId, round: 'first' }));
  }
  await Promise.all(batches);
  if (result.usersNotInForm.length > 0) attention.push(`${result.usersNotInForm.length} earlier user(s) are not on this form`);
  await deps.submissions.update(
    submission.submissionId,
    { state: 'accepted', organisationId: result.organisationId, attention },
    { event: 'accepted', detail: `organisation ${result.outcome}; ${result.users.length} user(s)` },
  );
  await completeEmailIfDone(submission.emailId, deps);
  return 'accepted';
}

/**
 * The form's users, in its order, who have not been invited or whose link expired. A user this set-up created is
 * not invited yet, as the registry just wrote; only users already there are read to learn their state.
 */
async function usersToInvite(users: UserOutcome[], deps: PipelineDeps): Promise<string[]> {
  const registered = users.filter((user): user is Extract<UserOutcome, { userId: string }> => user.outcome !== 'conflict');
  const known = registered.filter((user) => user.outcome !== 'created').map((user) => user.userId);
  const records = await deps.registry.getUsers(known);
  const awaiting = new Set(
    records
      .filter((record): record is UserRecord => record !== null && (record.activationState === 'not-invited' || record.activationState === 'expired'))
      .map((record) => record.id),
  );
  return registered.filter((user) => user.outcome === 'created' || awaiting.has(user.userId)).map((user) => user.userId);
}
