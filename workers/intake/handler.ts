import type { EmailEnvelope, EmailRecord, Outcome } from '../../src/emails/email-store.js';
import { referenceFor } from '../../src/emails/email-identity.js';
import { IntakeError, isIntakeError, type IntakeErrorCode } from '../../src/errors.js';
import { matchBounce } from '../../src/mail/bounces.js';
import { emailLanguage } from '../../src/mail/email-language.js';
import { extractForms, type FormFile, type SkippedFile } from '../../src/mail/form-extraction.js';
import { automaticMessageReason } from '../../src/mail/loop-rules.js';
import { readsAsQuestion } from '../../src/mail/question.js';
import { firstHeader, readEmail, type ReadEmail, type ReadLimits } from '../../src/mail/read-email.js';
import { authenticateSender, dmarcBlocksAcceptance } from '../../src/mail/sender-auth.js';
import { formLinks, renderEmail } from '../../src/mail/templates.js';
import { threadedReply } from '../../src/mail/threaded-reply.js';
import type { IntakeJob } from '../../src/queues.js';
import { earlierSubmissionHints } from '../../src/submissions/earlier-submission.js';
import { completeEmailIfDone, decideEmail } from '../../src/emails/email-outcome.js';
import type { PipelineDeps } from '../pipeline.js';

export interface IntakeResult {
  outcome: Outcome | 'in-progress';
  reason: string;
  replyKind?: string;
}

const PARSE_TIMEOUT_MS = 15_000;

function readLimits(deps: PipelineDeps): ReadLimits {
  const { limits } = deps.config;
  return {
    maxBytes: limits.maxMessageBytes,
    maxParts: limits.maxMimeParts,
    maxDepth: limits.maxMimeDepth,
    maxAttachments: limits.maxAttachments,
    timeoutMs: PARSE_TIMEOUT_MS,
  };
}

async function decide(record: EmailRecord, result: { outcome: Outcome; reason: string; replyKind?: string }, deps: PipelineDeps): Promise<IntakeResult> {
  await decideEmail(record, result, deps);
  return result;
}

/** The earlier submission a corrected form answers: our reply's Message-ID, else a reference in the subject. */
async function findEarlierSubmission(email: ReadEmail, deps: PipelineDeps): Promise<string | null> {
  const hints = earlierSubmissionHints({ subject: email.subject, inReplyTo: firstHeader(email, 'in-reply-to'), references: email.references });
  for (const emailId of hints.emailIds) {
    const [first] = await deps.submissions.forEmail(emailId);
    if (first) return first.submissionId;
  }
  for (const reference of hints.references) {
    const found = await deps.submissions.byReference(reference);
    if (found) return found;
  }
  return null;
}

async function startSubmissions(record: EmailRecord, email: ReadEmail, forms: FormFile[], deps: PipelineDeps): Promise<IntakeResult> {
  const previousSubmissionId = await findEarlierSubmission(email, deps);
  const reference = referenceFor(record.emailId);
  for (const [position, form] of forms.entries()) {
    const index = position + 1;
    await deps.submissions.create(
      {
        submissionId: `${record.emailId}-${index}`,
        emailId: record.emailId,
        index,
        reference: index === 1 ? reference : `${reference}-${index}`,
        filename: form.filename || `form ${index}.${form.kind}`,
        kind: form.kind,
        origin: form.origin,
        previousSubmissionId,
        language: emailLanguage(email),
      },
      form.content,
    );
  }
  await deps.emails.markInProgress(record.emailId);
  return resumeSubmissions(record, deps);
}

/** Queues each form's check; also how a retried or recovered intake job carries on. */
async function resumeSubmissions(record: EmailRecord, deps: PipelineDeps): Promise<IntakeResult> {
  for (const submission of await deps.submissions.forEmail(record.emailId)) {
    await deps.enqueue.validate({ submissionId: submission.submissionId });
  }
  await completeEmailIfDone(record.emailId, deps);
  return { outcome: 'in-progress', reason: 'forms queued for checking' };
}

async function replyWithoutForm(
  record: EmailRecord,
  email: ReadEmail,
  envelope: EmailEnvelope,
  skipped: SkippedFile[],
  deps: PipelineDeps,
): Promise<IntakeResult> {
  if (readsAsQuestion(email)) return decide(record, { outcome: 'review', reason: 'no form attached and the email reads as a question for staff' }, deps);
  const { config } = deps;
  const language = emailLanguage(email);
  const rendered = renderEmail('no-form', { ...formLinks(config.publicBaseUrl, language), helpAddress: config.onboardingAddress, skipped }, language);
  const reply = threadedReply(envelope, { emailId: record.emailId, kind: 'no-form', from: config.onboardingAddress, rendered });
  const allowance = await deps.replyAllowances.take({ sender: reply.to, replyId: reply.messageId, limits: config.replyLimits });
  if (!allowance.allowed) return decide(record, { outcome: 'review', reason: `no reply sent: ${allowance.reason}` }, deps);
  try {
    await deps.send(reply);
  } catch (error) {
    if (isIntakeError(error) && !error.retryable)
      return decide(record, { outcome: 'review', reason: `reply not confirmed: ${error.message}`, replyKind: 'no-form' }, deps);
    throw error;
  }
  return decide(record, { outcome: 'processed', reason: 'replied: no form attached', replyKind: 'no-form' }, deps);
}

/**
 * Reads one picked-up email and decides what it is: unreadable or automatic mail goes to staff review
 * unanswered, a bounce of our own reply is linked to its submission, an email without a form gets the form's
 * links, and each form found becomes a submission queued for checking.
 */
export async function handleIntake(job: IntakeJob, deps: PipelineDeps): Promise<IntakeResult> {
  const record = await deps.emails.get(job.emailId);
  if (!record) throw new IntakeError('MISSING_RECORD', `No record of email ${job.emailId}`);
  if (record.state === 'in-progress') return resumeSubmissions(record, deps);
  if (record.state !== 'queued') {
    // Decided before a crash or restart: only the filing may be outstanding.
    await deps.enqueue.filing({ emailId: record.emailId, uidValidity: record.uidValidity, uid: record.uid });
    return { outcome: record.outcome ?? 'review', reason: record.outcomeReason ?? '' };
  }
  // Reading an email holds a few times its size in memory; the budget bounds that across parallel jobs.
  return deps.bufferBudget.use(record.size, () => readAndDecide(record, deps));
}

async function readAndDecide(record: EmailRecord, deps: PipelineDeps): Promise<IntakeResult> {
  const raw = await deps.emails.getRaw(record.emailId);
  if (!raw) return decide(record, { outcome: 'review', reason: 'the email content was not stored' }, deps);

  const read = await readEmail(raw, readLimits(deps));
  if (!read.ok) return decide(record, { outcome: 'review', reason: read.reason }, deps);
  const { email } = read;

  const bounce = matchBounce(email, raw);
  if (bounce) {
    if (bounce.emailId) await deps.emails.recordBounce(bounce.emailId, { status: bounce.status, action: bounce.action });
    const which = bounce.emailId ? `our reply to ${referenceFor(bounce.emailId)}` : 'an email we could not match';
    return decide(record, { outcome: 'review', reason: `delivery failure report for ${which}` }, deps);
  }
  const noReply = automaticMessageReason(email);
  if (noReply) return decide(record, { outcome: 'review', reason: `no reply sent: ${noReply}` }, deps);

  const auth = await authenticateSender(raw, { ...deps.config.senderAuth, timeoutMs: 10_000 });
  const envelope: EmailEnvelope = {
    replyAddress: email.replyTo ?? email.from ?? '',
    subject: email.subject,
    messageId: email.messageId,
    references: email.references,
    senderAuth: { dmarc: auth.dmarc, reason: auth.reason },
  };
  await deps.emails.recordEnvelope(record.emailId, envelope);
  const extracted = await extractForms(email, readLimits(deps));
  if (extracted.forms.length === 0) return replyWithoutForm(record, email, envelope, extracted.skipped, deps);
  if (dmarcBlocksAcceptance(auth)) return decide(record, { outcome: 'review', reason: `not accepted automatically: ${auth.reason}` }, deps);
  return startSubmissions(record, email, extracted.forms, deps);
}

/**
 * After the last attempt fails, the email goes to staff review rather than waiting in the inbox unseen.
 * Nothing happens when an outcome was already recorded.
 */
export async function giveUpOnEmail(emailId: string, code: IntakeErrorCode, deps: PipelineDeps): Promise<void> {
  const record = await deps.emails.get(emailId);
  if (!record || (record.state !== 'queued' && record.state !== 'in-progress')) return;
  await decideEmail(record, { outcome: 'review', reason: `could not be handled automatically: ${code}` }, deps);
}
