import { IntakeError, isIntakeError } from '../../src/errors.js';
import { replyMessageId } from '../../src/mail/reply-headers.js';
import { renderEmail } from '../../src/mail/templates.js';
import { notifyUsers, type NotifyJob } from '../../src/queues.js';
import type { UserRecord } from '../../src/registry/account-registry.js';
import type { SubmissionSummary } from '../../src/submissions/submission-store.js';

import { completeEmailIfDone } from '../../src/emails/email-outcome.js';
import type { PipelineDeps } from '../pipeline.js';
import { inLanes } from './lanes.js';

export type NotifyResult = 'sent' | 'already-sent' | 'not-needed' | 'uncertain';
/** What became of each email of a batch; `refused`: the mail server turned the address down, and staff are told. */
export type BatchSummary = Partial<Record<NotifyResult | 'refused', number>>;

/** Emails of one batch in flight at once: the SMTP pool's connections, so each stays busy while the others wait. */
const LANES = 3;
/**
 * While form jobs run, every email but the first lane's first waits for a moment when none does, at most this long
 * on the first lane and a second on the others: on a busy machine each email takes CPU from the forms still to be
 * answered. Four a second is still eight times the 30 a minute Microsoft 365 lets one mailbox send.
 */
const FIRST_LANE_WAIT_MS = 250;
const EXTRA_LANE_WAIT_MS = 1_000;

/** A send the process died during once the server had answered DATA is never repeated automatically: staff see it and can re-send. */
async function recordUncertain(userId: string, submissionId: string, deps: PipelineDeps): Promise<NotifyResult> {
  const point = `the activation email to user ${userId} may not have gone out: sending it was cut short; re-send it or confirm it arrived`;
  await deps.submissions.flag(submissionId, point, {
    event: 'activation-uncertain',
    detail: `user ${userId}: the email may not have gone out; staff can re-send`,
  });
  const submission = await deps.submissions.getSummary(submissionId);
  if (submission) await completeEmailIfDone(submission.emailId, deps);
  return 'uncertain';
}

/** In a batch, one address the server refuses must not hold back the others: staff are told, and can correct and re-send. */
async function recordRefused(userId: string, error: IntakeError, submissionId: string, deps: PipelineDeps): Promise<void> {
  const point = `the activation email to user ${userId} was refused by the mail server (${error.code}); check the address and re-send it`;
  await deps.submissions.flag(submissionId, point, { event: 'activation-refused', detail: `user ${userId}: ${error.message}` });
}

/**
 * Sends one user their activation email (or the day-21 reminder) from the no-reply address. The link is
 * issued just before sending and never stored: only its hash is. A retry after the email went out finds the
 * sent record and issues nothing.
 */
async function notifyUser(
  job: NotifyJob,
  user: UserRecord,
  submission: SubmissionSummary,
  organisationName: string | undefined,
  deps: PipelineDeps,
): Promise<NotifyResult> {
  const { config } = deps;
  if (user.activationState === 'activated') return 'not-needed';
  const kind = job.round === 'first' ? job.kind : `${job.kind}-${job.round}`;
  const identity = { emailId: submission.emailId, kind, to: user.email };
  const before = await deps.sendState(identity);
  if (before === 'sent') return 'already-sent';
  if (before === 'uncertain') return recordUncertain(user.id, submission.submissionId, deps);

  const { language } = submission;
  const common = {
    firstName: user.firstName,
    organisationName: organisationName ?? (language === 'cy' ? 'eich sefydliad' : 'your organisation'),
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
  const recorded: Promise<unknown>[] = [deps.submissions.addEvent(submission.submissionId, { event: `${job.kind}-sent`, detail: `user ${user.id}` })];
  if (job.kind === 'activation') {
    recorded.push(deps.registry.setActivationState(user.id, 'invited'), deps.userSubmissions.set(user.id, submission.submissionId));
  }
  await Promise.all(recorded);
  return 'sent';
}

/**
 * Sends the activation emails of a notify job: one user's, or a batch of a form's. In a batch, a refused address is
 * handed to staff and the rest go on; any other failure ends the attempt, and the retry skips the emails already sent.
 */
export async function handleNotify(job: NotifyJob, deps: PipelineDeps): Promise<NotifyResult | BatchSummary> {
  const userIds = notifyUsers(job);
  const [submission, users] = await Promise.all([deps.submissions.getSummary(job.submissionId), deps.registry.getUsers(userIds)]);
  if (!submission) throw new IntakeError('MISSING_RECORD', `Notification for a missing submission (${job.submissionId})`);
  // A batch's users are one form's: their organisation is read once, not once per email.
  const organisationIds = [...new Set(users.flatMap((user) => (user ? [user.organisationId] : [])))];
  const organisationNames = new Map(await Promise.all(organisationIds.map(async (id) => [id, (await deps.registry.getOrganisation(id))?.name] as const)));

  if (job.userIds === undefined) {
    const user = users[0];
    if (!user) throw new IntakeError('MISSING_RECORD', `Notification for a missing user (${job.userId})`);
    return notifyUser(job, user, submission, organisationNames.get(user.organisationId), deps);
  }

  const summary: BatchSummary = {};
  const count = (result: NotifyResult | 'refused') => (summary[result] = (summary[result] ?? 0) + 1);
  await inLanes(
    users,
    LANES,
    async (user) => {
      if (!user) return void count('not-needed');
      try {
        count(await notifyUser(job, user, submission, organisationNames.get(user.organisationId), deps));
      } catch (error) {
        // Only the mail server's refusal is the address's fault; anything else (a damaged record…) ends the attempt.
        if (!isIntakeError(error, 'SMTP_PERMANENT')) throw error;
        await recordRefused(user.id, error, submission.submissionId, deps);
        count('refused');
      }
    },
    (lane) => deps.formsInHand?.whenIdle(lane === 0 ? FIRST_LANE_WAIT_MS : EXTRA_LANE_WAIT_MS) ?? Promise.resolve(),
  );
  return summary;
}
