import type { ActivationState } from '../registry/account-registry.js';
import type { EmailRecord } from '../emails/email-store.js';
import { failureCode, INTAKE_ERROR_CODES, type IntakeErrorCode } from '../errors.js';
import type { QueueName } from '../queues.js';
import type { SubmissionState } from '../submissions/submission-store.js';

/**
 * The one place where the codes the service records become the words staff read. Records keep their codes (they
 * are a contract with stored data); pages pass every state, reason and event through here.
 */

export const SUBMISSION_STATE_WORDS: Record<SubmissionState, string> = {
  received: 'Being checked',
  'queued-for-setup': 'Waiting to be set up',
  review: 'Held for review',
  rejected: 'Rejected',
  accepted: 'Set up',
};

const EMAIL_STATE_WORDS: Record<string, string> = {
  queued: 'Waiting to be read',
  'in-progress': 'Its forms are being checked',
  replied: 'Answered',
  review: 'Held for review',
  filed: 'Filed',
};

const OUTCOME_WORDS: Record<string, string> = {
  processed: 'Answered without a form',
  accepted: 'Accepted',
  rejected: 'Rejected',
  review: 'Held for review',
};

/** A sentence for every code; the last two are class names that reasons recorded before codes were kept may quote. */
const ERROR_CODE_WORDS: Record<IntakeErrorCode | 'UnrecoverableError' | 'Error', string> = {
  EMAIL_NOT_FOUND: 'the email was no longer in the mailbox',
  EMAIL_TOO_LARGE: 'the email was too large to read',
  MIME_TOO_COMPLEX: 'the email was too complex to read safely',
  MIME_UNREADABLE: 'the email could not be read',
  SMTP_TEMPORARY: 'the mail server did not take the email for now',
  SMTP_PERMANENT: 'the mail server refused the email',
  SMTP_LOGIN_FAILED: 'the service could not log in to the mail server',
  SEND_QUOTA_REACHED: 'the sending limit was reached',
  DELIVERY_UNCERTAIN: 'the email may or may not have gone out (sending was cut short)',
  SEND_RECORD_UNREPLICATED: 'the email waited because no Redis replica confirmed it was about to be sent',
  MAILBOX_UNAVAILABLE: 'the mailbox could not be reached',
  OUTCOME_PENDING: 'the email could not be filed yet: no decision about it was recorded',
  OUTCOME_UNSETTLED: 'the email could not be filed: the decision about it kept changing while it was being moved',
  INVALID_PAYLOAD: 'the job was not understood',
  MALFORMED_PAYLOAD: 'the job was not understood (its details were malformed)',
  MISSING_RECORD: 'what the job was about no longer exists',
  INCOMPLETE_RECORD: 'what the job was about is missing some of its parts',
  CORRUPT_RECORD: 'what the service stored about it cannot be read (the record is damaged and needs a person to look at it)',
  UNEXPECTED: 'an unexpected error',
  WORKER_STOPPED: 'the worker running it stopped too many times (the service was restarted or crashed)',
  UnrecoverableError: 'it failed in a way that trying again would not fix',
  Error: 'an unexpected error',
};

const QUEUE_WORDS: Record<QueueName, string> = {
  intake: 'Reading emails',
  validate: 'Checking forms',
  setup: 'Setting up organisations',
  notify: 'Sending activation emails',
  reply: 'Sending staff replies',
  filing: 'Filing emails in folders',
  'sent-copy': 'Copying sent emails to the Sent folder',
  housekeeping: 'Activation reminders and expiry',
};

const JOB_STATE_WORDS: Record<string, string> = {
  waiting: 'waiting',
  prioritized: 'waiting',
  'waiting-children': 'waiting',
  delayed: 'waiting to try again',
  active: 'running',
  completed: 'done',
  failed: 'failed',
  unknown: 'gone',
};

const EVENT_WORDS: Record<string, string> = {
  received: 'Form received',
  rejected: 'Rejected: the firm was sent what to correct',
  review: 'Held for review',
  'queued-for-setup': 'Form correct: waiting to be set up',
  accepted: 'Organisation and users set up',
  'activation-sent': 'Activation email sent',
  'activation-reminder-sent': 'Activation reminder sent',
  'activation-uncertain': 'Activation email cut short: it may not have gone out',
  'activation-refused': 'Activation email refused by the mail server',
  'staff-rejection-sent': 'Staff rejection sent to the firm',
  'staff-rejection-not-confirmed': "The firm's mail server did not take the staff rejection",
  'staff-accepted': 'Accepted by staff',
  'staff-rejected': 'Rejected by staff',
  'staff-retry': 'Retried by staff',
  'staff-priority': 'Priority changed by staff',
  'staff-resend-activation': 'Activation email re-sent by staff',
  'staff-handled': 'Marked as handled',
  'staff-replied-by-hand': 'Reply sent by hand',
  'staff-reprocess': 'Read again',
  'staff-dismissed-job': 'Failed job dismissed',
  'staff-looked-at': 'Marked as looked at',
  'court-edited': 'Court go-live date changed',
  'courts-uploaded': 'Court go-live dates uploaded',
  'queue-board': 'Changed on the queue board',
  'staff-account-added': 'Staff account added',
  'staff-account-role-changed': 'Staff account role changed',
  'staff-account-removed': 'Staff account removed',
  'signed-in': 'Signed in',
  'signed-out': 'Signed out',
};

const ACTIVATION_WORDS: Record<ActivationState, string> = {
  'not-invited': 'Not invited yet',
  invited: 'Invited, not yet activated',
  activated: 'Activated',
  expired: 'Activation link expired',
};

const REGISTRY_WORDS: Record<string, string> = {
  'solicitors-firm': "Solicitors' firm",
  'barristers-chambers': "Barristers' chambers",
  'sole-barrister': 'Sole barrister',
  'organisation-administrator': 'Organisation administrator',
  advocate: 'Advocate',
  'defence-lawyer': 'Defence lawyer',
  'support-staff': 'Support staff',
};

const EMAIL_KIND_WORDS: Record<string, string> = {
  acknowledgement: 'Acknowledgement',
  rejection: 'What to correct',
  'no-form': 'No form attached',
  'staff-rejection': 'Rejection by staff',
  activation: 'Activation',
  'activation-reminder': 'Activation reminder',
};

// A code, or an error class name (`UnrecoverableError`, `TypeError`) as older reasons recorded it.
const CODE = new RegExp(`\\b(?:${INTAKE_ERROR_CODES.join('|')}|[A-Z][A-Z0-9]*_[A-Z0-9_]+|(?:[A-Z][A-Za-z]*)?Error)\\b`, 'g');

/** A reason as recorded (it may quote an error code) with every code put into words. */
export function reasonWords(reason: string | null | undefined): string {
  if (!reason) return '';
  const worded = reason.replace(CODE, (code) => ERROR_CODE_WORDS[code as keyof typeof ERROR_CODE_WORDS] ?? 'an unexpected error');
  return worded.charAt(0).toUpperCase() + worded.slice(1);
}

export const submissionStateWords = (state: string) => SUBMISSION_STATE_WORDS[state as SubmissionState] ?? reasonWords(state);
export const queueWords = (queue: string) => QUEUE_WORDS[queue as QueueName] ?? queue;
export const jobStateWords = (state: string) => JOB_STATE_WORDS[state] ?? state;
/** An organisation type or a user's role. */
export const registryWords = (code: string) => REGISTRY_WORDS[code] ?? code;
export const activationWords = (state: string) => ACTIVATION_WORDS[state as ActivationState] ?? state;

/** A timeline event or audit action; numbered reply kinds (`staff-rejection-2-sent`) read as their first. */
export function eventWords(event: string): string {
  const known = EVENT_WORDS[event] ?? EVENT_WORDS[event.replace(/-\d+(?=-|$)/, '')];
  return known ?? reasonWords(event.replace(/-/g, ' '));
}

export function emailKindWords(kind: string): string {
  const base = kind.replace(/-(?:\d+|resend-\d+|r\d+)$/, '');
  return EMAIL_KIND_WORDS[base] ?? EMAIL_KIND_WORDS[kind] ?? reasonWords(kind.replace(/-/g, ' '));
}

/** Where an email got to, with its outcome's reason. */
export function emailOutcomeWords(email: Pick<EmailRecord, 'state' | 'outcome' | 'outcomeReason'>): string {
  const what = email.outcome ? OUTCOME_WORDS[email.outcome] : EMAIL_STATE_WORDS[email.state];
  const reason = reasonWords(email.outcomeReason);
  return reason ? `${what ?? email.state}: ${reason}` : (what ?? email.state);
}

/** A job's failure as BullMQ recorded it (`failedReason`), for staff. */
export function jobFailureWords(failedReason: string | null | undefined): string {
  if (!failedReason) return 'It failed without saying why';
  if (failureCode(failedReason) === 'WORKER_STOPPED') return reasonWords(ERROR_CODE_WORDS.WORKER_STOPPED);
  return reasonWords(failedReason);
}
