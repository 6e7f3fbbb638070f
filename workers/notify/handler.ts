import { IntakeError, isIntakeError } from '../../src/errors.js';
import { replyMessageId } from '../../src/mail/reply-headers.js';
import { renderEmail } from '../../src/mail/templates.js';
import type { NotifyJob } from '../../src/queues.js';

import { completeEmailIfDone } from '../../src/emails/email-outcome.js';
import type { PipelineDeps } from '../pipeline.js';

export type NotifyResult = 'sent' | 'already-sent' | 'not-needed' | 'uncertain';

/** A send the process died during once the server had answered DATA is never repeated automatically: staff see it and can re-send. */
async function recordUncertain(userId: string, submissionId: string, deps: PipelineDeps): Promise<NotifyResult> {
  const point = `the activation email to user ${userId} may not have gone out: sending it was cut short; re-send it or confirm it arrived`;
  await deps.submissions.flag(submissionId, point, {
    event: 'activation-uncertain',
    detail: `user ${userId}: the email may not have gone out; staff can re-send`,
  });
  const submission = await deps.submissions.get(submissionId);
  if (submission) await completeEmailIfDone(submission.emailId, deps);
  return 'uncertain';
}

/**
 * Sends one user their activation email (or the day-21 reminder) from the no-reply address. The link is
 * issued just before sending and never stored: only its hash is. A retry after the email went out finds the
 * sent record and issues nothing.
 */
export async function handleNotify(job: NotifyJob, deps: PipelineDeps): Promise<NotifyResult> {
  const { config } = deps;
  const user = await deps.registry.getUser(job.userId);
  const submission = await deps.submissions.get(job.submissionId);
  if (!user || !submission) throw new IntakeError('MISSING_RECORD', `Notification for a missing user or submission (${job.userId})`);
  if (user.activationState === 'activated') return 'not-needed';
  const organisation = await deps.registry.getOrganisation(user.organisationId);
  const kind = job.round === 'first' ? job.kind : `${job.kind}-${job.round}`;
  const identity = { emailId: submission.emailId, kind, to: user.email };
  const before = await deps.sendState(identity);
  if (before === 'sent') return 'already-sent';
  if (before === 'uncertain') return recordUncertain(user.id, submission.submissionId, deps);

  const { language } = submission;
  const common = {
    firstName: user.firstName,
    organisationName: organisation?.name ?? (language === 'cy' ? 'eich sefydliad' : 'your organisation'),
    activationFrom: config.activationFrom,
    helpAddress: config.onboardingAddress,
  };
  let rendered;
  if (job.kind === 'activation') {
    const issued = job.round === 'first' ? await deps.tokens.issue(user.id) : await deps.tokens.reissue(user.id);
    rendered = renderEmail(
      'activation',
      {
        ...common,
        activationUrl: `${config.publicBaseUrl}/activate/${issued.token}`,
        mobileLastFour: user.mobileE164.slice(-4),
        expiresAt: issued.expiresAt,
      },
      language,
    );
  } else {
    const expiresAt = await deps.tokens.currentExpiry(user.id);
    if (!expiresAt || expiresAt.getTime() <= deps.now().getTime()) return 'not-needed';
    rendered = renderEmail('activation-reminder', { ...common, sentAt: new Date(user.activationStateAt), expiresAt }, language);
  }
  try {
    await deps.send({
      ...rendered,
      ...identity,
      from: config.activationFrom,
      messageId: replyMessageId(submission.emailId, kind, user.email, config.activationFrom),
      autoReply: false,
    });
  } catch (error) {
    if (isIntakeError(error, 'DELIVERY_UNCERTAIN')) return recordUncertain(user.id, submission.submissionId, deps);
    throw error;
  }
  if (job.kind === 'activation') {
    await deps.registry.setActivationState(user.id, 'invited');
    await deps.redis.set(deps.keys.userSubmission(user.id), submission.submissionId);
  }
  await deps.submissions.addEvent(submission.submissionId, { event: `${job.kind}-sent`, detail: `user ${user.id}` });
  return 'sent';
}
