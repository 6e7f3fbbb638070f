import { completeEmailIfDone } from '../src/emails/email-outcome.js';
import type { IntakeErrorCode } from '../src/errors.js';
import type { PipelineDeps } from './pipeline.js';

/** A form whose check or set-up kept failing goes to staff, and its email follows once all forms are done. */
export async function giveUpOnSubmission(submissionId: string, code: IntakeErrorCode, deps: PipelineDeps): Promise<void> {
  const submission = await deps.submissions.get(submissionId);
  if (!submission || ['rejected', 'review', 'accepted'].includes(submission.state)) return;
  const reason = `could not be handled automatically: ${code}`;
  await deps.submissions.update(submissionId, { state: 'review', reason }, { event: 'review', detail: reason });
  await completeEmailIfDone(submission.emailId, deps);
}

/** How a job about one form describes itself in the log. */
export const describeSubmission = (payload: { submissionId: string }) => ({ submissionId: payload.submissionId });
