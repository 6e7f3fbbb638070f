import { randomUUID } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { Attachment } from 'nodemailer/lib/mailer/index.js';
import { classifySmtpError, IntakeError, isIntakeError } from '../errors.js';
import type { SentTexts } from '../emails/sent-texts.js';
import type { MetricsCounters } from '../metrics/counters.js';
import type { RenderedEmail } from './templates.js';
import { stageOf, type SendRecords } from './send-records.js';
import type { SendQuota } from './send-quota.js';
import type { MailTransport } from './transport.js';

/** What sending needs besides the email: the send records, the senders, the stores told of each send, and optionally quotas and a copy. */
export interface SendDeps {
  records: SendRecords;
  transport: MailTransport;
  metrics: Pick<MetricsCounters, 'emailSent'>;
  sentTexts: Pick<SentTexts, 'record'>;
  quota?: SendQuota;
  keepCopy?: KeepCopy;
  /**
   * Replicas that must hold the send record before the message goes out (Redis WAIT on the records' connection,
   * which made the write). A record lost in a failover would let a retry send the email again.
   */
  replicas?: number;
}

export interface OutgoingEmail extends RenderedEmail {
  /** The submission this email belongs to; with kind and recipient it names the email uniquely. */
  emailId: string;
  kind: string;
  from: string;
  to: string;
  messageId: string;
  inReplyTo?: string;
  references?: string[];
  attachments?: Attachment[];
  /** RFC 3834: replies the service sends on its own are marked so other robots do not answer them. */
  autoReply: boolean;
}

export type SendOutcome = 'sent' | 'already-sent';

/** How long a send waits for the replicas to confirm its record, and how long the queue then waits before trying again. */
const REPLICA_WAIT_MS = 2_000;
const REPLICA_RETRY_MS = 5_000;

/**
 * Sends an email at most once per (submission, kind, recipient). The record moves `sending` → `data` → `sent`; a
 * failure the SMTP server reported clears it so a retry can send. A record left at `sending` means the process
 * died before the server answered DATA: nothing can have been delivered, so the next attempt takes it over and
 * sends. One left at `data` means it died while the server may have taken the email: whether it was delivered is
 * unknown, so it is never sent again automatically and staff decide (DELIVERY_UNCERTAIN).
 */
export async function sendOnce(deps: SendDeps, email: OutgoingEmail): Promise<SendOutcome> {
  const { records, keepCopy } = deps;
  const key = records.keyFor(email);
  const current = await records.read(key);
  const stage = stageOf(current);
  if (stage === 'sent') return 'already-sent';
  if (stage === 'uncertain') throw new IntakeError('DELIVERY_UNCERTAIN', `A ${email.kind} email may already have been sent; it was not sent again`);
  const attempt = `${Date.now()}:${randomUUID()}`;
  let held = `sending:${attempt}`;
  const claimed = current === null ? await records.create(key, held) : await records.swap(key, current, held);
  if (!claimed) throw new IntakeError('SMTP_TEMPORARY', `Another attempt started this ${email.kind} email; retrying`);
  // Two attempts can both hold `sending` (one taken over while still alive): only the one still holding it at DATA
  // goes on; the other's connection closes before the message's last line, so the server discards it.
  let overtaken = false;
  let unreplicated = false;
  const beforeData = async () => {
    if (!(await records.swap(key, held, `data:${attempt}`))) {
      overtaken = true;
      throw new Error('Another attempt took this send over');
    }
    held = `data:${attempt}`;
    const replicas = deps.replicas ?? 0;
    if (replicas > 0 && (await records.replicated(replicas, REPLICA_WAIT_MS)) < replicas) {
      unreplicated = true;
      throw new Error('The send record is not on a replica yet');
    }
  };
  let raw: Buffer;
  try {
    const wait = (await deps.quota?.reserve(email.from)) ?? 0;
    if (wait > 0) throw new IntakeError('SEND_QUOTA_REACHED', 'The sender has reached its sending limit; the email waits', { retryAfterMs: wait });
    // Built once, so the copy kept in the Sent folder is byte for byte what went out.
    raw = await composeRaw(email);
    await deps.transport.forSender(email.from).sendRaw({ from: email.from, to: [email.to] }, raw, beforeData);
  } catch (error) {
    await records.swap(key, held, '');
    if (overtaken) throw new IntakeError('SMTP_TEMPORARY', `Another attempt took this ${email.kind} email over; retrying`, { cause: error });
    if (unreplicated) {
      // Nothing was sent: every send waits until a replica confirms again, so that a failover cannot lose the record.
      throw new IntakeError('SEND_RECORD_UNREPLICATED', 'No Redis replica confirmed the send record; the email waits', {
        cause: error,
        retryAfterMs: REPLICA_RETRY_MS,
      });
    }
    if (isIntakeError(error)) throw error;
    throw classifySmtpError(error);
  }
  await Promise.all([records.markSent(key), deps.metrics.emailSent(email.kind), deps.sentTexts.record(email)]);
  await keepCopy?.(key, raw, email);
  return 'sent';
}

/** Called after a send with the record's key and the raw email, to keep a copy (the mailbox's Sent folder). */
export type KeepCopy = (sentKey: string, raw: Buffer, email: Pick<OutgoingEmail, 'from' | 'kind'>) => Promise<void>;

/**
 * The onboarding mailbox's Sent folder holds what that mailbox sent: the replies to firms. Activation emails go out
 * from the no-reply address, and their link is a password until used (only its hash is stored), so no copy of one
 * is kept anywhere; staff see that each was sent, without the link.
 */
export function copiedToSent(email: Pick<OutgoingEmail, 'from' | 'kind'>, onboardingFrom: string): boolean {
  return email.from.toLowerCase() === onboardingFrom.toLowerCase() && !email.kind.startsWith('activation');
}

function composeRaw(email: OutgoingEmail): Promise<Buffer> {
  return new MailComposer({
    from: email.from,
    to: email.to,
    subject: email.subject,
    text: email.text,
    html: email.html,
    messageId: email.messageId,
    inReplyTo: email.inReplyTo,
    references: email.references,
    attachments: email.attachments,
    headers: email.autoReply ? { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' } : {},
  })
    .compile()
    .build();
}
