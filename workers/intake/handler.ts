import type { Config } from '../../src/config.js';
import type { EmailRecord, EmailStore, Outcome } from '../../src/emails/email-store.js';
import { referenceFor } from '../../src/emails/email-identity.js';
import { isIntakeError } from '../../src/errors.js';
import { findFormAttachments } from '../../src/mail/forms.js';
import { automaticMessageReason } from '../../src/mail/loop-rules.js';
import { readEmail, type ReadEmail } from '../../src/mail/read-email.js';
import { replyMessageId, replySubject, threadHeaders } from '../../src/mail/reply-headers.js';
import { renderEmail, type RenderedEmail } from '../../src/mail/templates.js';
import type { OutgoingEmail, SendOutcome } from '../../src/mail/send-once.js';
import type { FilingJob, IntakeJob } from '../../src/queues.js';

export interface IntakeDeps {
  config: Config;
  store: EmailStore;
  send: (email: OutgoingEmail) => Promise<SendOutcome>;
  enqueueFiling: (job: FilingJob) => Promise<void>;
}

export interface IntakeResult {
  outcome: Outcome;
  reason: string;
  replyKind?: string;
}

const PARSE_TIMEOUT_MS = 15_000;

function folderFor(outcome: Outcome, config: Config): string {
  return outcome === 'review' ? config.imap.folders.review : config.imap.folders.processed;
}

async function decide(record: EmailRecord, result: IntakeResult, deps: IntakeDeps): Promise<IntakeResult> {
  await deps.store.recordOutcome(record.emailId, { ...result, folder: folderFor(result.outcome, deps.config) });
  await deps.enqueueFiling({ emailId: record.emailId, uidValidity: record.uidValidity, uid: record.uid });
  return result;
}

function composeReply(email: ReadEmail, emailId: string, deps: IntakeDeps): { kind: string; rendered: RenderedEmail } {
  const { config } = deps;
  const forms = findFormAttachments(email.attachments);
  if (forms.length === 0) {
    const formUrl = `${config.publicBaseUrl}/forms/registration.xlsx`;
    const csvFormUrl = `${config.publicBaseUrl}/forms/registration.csv`;
    return { kind: 'no-form', rendered: renderEmail('no-form', { formUrl, csvFormUrl, helpAddress: config.onboardingAddress }) };
  }
  const rendered = renderEmail('form-received', {
    reference: referenceFor(emailId),
    formNames: forms.map((form, index) => form.attachment.filename || `form ${index + 1}.${form.kind}`),
    activationFrom: config.activationFrom,
    helpAddress: config.onboardingAddress,
  });
  return { kind: 'form-received', rendered };
}

/**
 * After the last attempt fails, the email goes to staff review rather than waiting in the inbox unseen.
 * Nothing happens when an outcome was already recorded.
 */
export async function giveUpOnEmail(emailId: string, cause: string, deps: IntakeDeps): Promise<void> {
  const record = await deps.store.get(emailId);
  if (!record || record.state !== 'queued') return;
  await decide(record, { outcome: 'review', reason: `could not be handled automatically: ${cause}` }, deps);
}

/**
 * Reads one picked-up email, replies to it once and records its outcome; the email is then filed into the
 * folder that says that outcome. Emails that cannot be read or must not be answered go to staff review.
 */
export async function handleIntake(job: IntakeJob, deps: IntakeDeps): Promise<IntakeResult> {
  const record = await deps.store.get(job.emailId);
  if (!record) throw new Error(`No record of email ${job.emailId}`);
  if (record.state !== 'queued') {
    // Decided before a crash or restart: only the filing may be outstanding.
    const outcome = record.outcome ?? 'review';
    await deps.enqueueFiling({ emailId: record.emailId, uidValidity: record.uidValidity, uid: record.uid });
    return { outcome, reason: record.outcomeReason ?? '' };
  }
  const raw = await deps.store.getRaw(record.emailId);
  if (!raw) return decide(record, { outcome: 'review', reason: 'the email content was not stored' }, deps);

  const { limits } = deps.config;
  const read = await readEmail(raw, { maxBytes: limits.maxMessageBytes, maxParts: limits.maxMimeParts, maxDepth: limits.maxMimeDepth, timeoutMs: PARSE_TIMEOUT_MS });
  if (!read.ok) return decide(record, { outcome: 'review', reason: read.reason }, deps);
  const { email } = read;

  const noReply = automaticMessageReason(email.headers, email.from);
  if (noReply) return decide(record, { outcome: 'review', reason: `no reply sent: ${noReply}` }, deps);

  const recipient = email.replyTo ?? email.from ?? '';
  const { kind, rendered } = composeReply(email, record.emailId, deps);
  const from = deps.config.onboardingAddress;
  try {
    await deps.send({
      ...rendered,
      subject: replySubject(email.subject, rendered.subject),
      emailId: record.emailId,
      kind,
      from,
      to: recipient,
      messageId: replyMessageId(record.emailId, kind, recipient, from),
      ...threadHeaders(email.messageId, email.references),
      autoReply: true,
    });
  } catch (error) {
    if (isIntakeError(error, 'DELIVERY_UNCERTAIN') || isIntakeError(error, 'SMTP_PERMANENT')) {
      return decide(record, { outcome: 'review', reason: `reply not confirmed: ${error.message}`, replyKind: kind }, deps);
    }
    throw error;
  }
  return decide(record, { outcome: 'processed', reason: `replied: ${kind}`, replyKind: kind }, deps);
}
