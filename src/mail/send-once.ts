import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { Attachment } from 'nodemailer/lib/mailer/index.js';
import { classifySmtpError, IntakeError, isIntakeError } from '../errors.js';
import { MetricsCounters } from '../metrics/counters.js';
import type { Keys } from '../redis.js';
import type { RenderedEmail } from './templates.js';
import type { SendQuota } from './send-quota.js';
import type { MailTransport } from './transport.js';

/** What sending needs besides the email: Redis for the record, the senders, and optionally quotas and a copy. */
export interface SendDeps {
  redis: Redis;
  keys: Keys;
  transport: MailTransport;
  quota?: SendQuota;
  keepCopy?: KeepCopy;
  /** Turns a refused login of our own sender into a wait for the whole queue (see SenderLoginBackoff). */
  onLoginRefused?: (error: unknown, from: string) => IntakeError | null;
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

const SENT_RETENTION_SECONDS = 400 * 24 * 3600;

export function sentKeyFor(keys: Keys, email: Pick<OutgoingEmail, 'emailId' | 'kind' | 'to'>): string {
  const recipientKey = createHash('sha256').update(email.to.toLowerCase()).digest('hex').slice(0, 16);
  return keys.sent(email.emailId, email.kind, recipientKey);
}

/**
 * Sends an email at most once per (submission, kind, recipient). The record moves `sending` → `sent`; a
 * failure the SMTP server reported clears it so a retry can send. A record left at `sending` means the
 * process died while the server had the email: whether it was delivered is unknown, so it is never sent
 * again automatically and staff decide (DELIVERY_UNCERTAIN).
 */
export async function sendOnce(deps: SendDeps, email: OutgoingEmail): Promise<SendOutcome> {
  const { redis, keys, keepCopy } = deps;
  const key = sentKeyFor(keys, email);
  const claimed = await redis.set(key, `sending:${Date.now()}`, 'EX', SENT_RETENTION_SECONDS, 'NX');
  if (claimed !== 'OK') {
    const state = (await redis.get(key)) ?? '';
    if (state.startsWith('sent')) return 'already-sent';
    throw new IntakeError('DELIVERY_UNCERTAIN', `A ${email.kind} email may already have been sent; it was not sent again`);
  }
  let raw: Buffer;
  try {
    const wait = (await deps.quota?.reserve(email.from)) ?? 0;
    if (wait > 0) throw new IntakeError('SEND_QUOTA_REACHED', 'The sender has reached its sending limit; the email waits', { retryAfterMs: wait });
    // Built once, so the copy kept in the Sent folder is byte for byte what went out.
    raw = await composeRaw(email);
    await deps.transport.forSender(email.from).sendRaw({ from: email.from, to: [email.to] }, raw);
  } catch (error) {
    await redis.del(key);
    if (isIntakeError(error)) throw error;
    throw deps.onLoginRefused?.(error, email.from) ?? classifySmtpError(error);
  }
  await redis.set(key, `sent:${Date.now()}`, 'EX', SENT_RETENTION_SECONDS);
  await new MetricsCounters(redis, keys).emailSent(email.kind);
  await keepCopy?.(key, raw);
  return 'sent';
}

/** Called after a send with the record's key and the raw email, to keep a copy (the mailbox's Sent folder). */
export type KeepCopy = (sentKey: string, raw: Buffer) => Promise<void>;

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
  }).compile().build();
}

/** `sent`, `uncertain` (a send the process died during: never repeated automatically) or null (never tried). */
export async function sendState(redis: Redis, keys: Keys, email: Pick<OutgoingEmail, 'emailId' | 'kind' | 'to'>): Promise<'sent' | 'uncertain' | null> {
  const state = await redis.get(sentKeyFor(keys, email));
  if (state === null) return null;
  return state.startsWith('sent') ? 'sent' : 'uncertain';
}
