import { IntakeError, isIntakeError } from '../../src/errors.js';
import { formLinks, renderEmail } from '../../src/mail/templates.js';
import { threadedReply } from '../../src/mail/threaded-reply.js';
import type { ReplyJob } from '../../src/queues.js';
import { completeEmailIfDone } from '../../src/emails/email-outcome.js';
import { kindFor, type PipelineDeps } from '../pipeline.js';

export type ReplyResult = 'sent' | 'uncertain';

/** Sends the firm the reply staff asked for (a rejection with their note), threaded under its email, once. */
export async function handleStaffReply(job: ReplyJob, deps: PipelineDeps): Promise<ReplyResult> {
  const submission = await deps.submissions.get(job.submissionId);
  const envelope = submission ? (await deps.emails.get(submission.emailId))?.envelope : undefined;
  if (!submission || !envelope) throw new IntakeError('MISSING_RECORD', `No submission or email to reply to for ${job.submissionId}`);
  const { config } = deps;
  const rendered = renderEmail(
    'staff-rejection',
    {
      reference: submission.reference,
      note: submission.reason,
      ...formLinks(config.publicBaseUrl, submission.language),
      helpAddress: config.onboardingAddress,
    },
    submission.language,
  );
  const kind = kindFor(job.kind, submission);
  try {
    await deps.send(threadedReply(envelope, { emailId: submission.emailId, kind, from: config.onboardingAddress, rendered }));
  } catch (error) {
    if (!isIntakeError(error) || error.retryable) throw error;
    // Refused (5xx) or cut short after DATA: the firm may never have had the rejection, so a person must act.
    const point =
      error.code === 'DELIVERY_UNCERTAIN'
        ? 'our rejection may not have reached the firm: sending it was cut short'
        : `the firm's mail server refused our rejection: ${error.message}`;
    await deps.submissions.flag(submission.submissionId, point, { event: `${job.kind}-not-confirmed`, detail: error.message });
    await completeEmailIfDone(submission.emailId, deps);
    return 'uncertain';
  }
  await deps.submissions.addEvent(submission.submissionId, { event: `${job.kind}-sent` });
  return 'sent';
}
