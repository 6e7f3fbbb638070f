import { createHash, randomUUID } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { Attachment } from 'nodemailer/lib/mailer/index.js';
import { classifySmtpError, IntakeError, isIntakeError } from '../errors.js';
import type { SentTexts } from '../emails/sent-texts.js';
import type { MetricsCounters } from '../metrics/counters.js';
import type { Keys, RedisClient } from '../redis.js';
import type { RenderedEmail } from './templates.js';
import type { SendQuota } from './send-quota.js';
import type { MailTransport } from './transport.js';

/** What sending needs besides the email: Redis for the send record, the senders, the stores told of each send, and optionally quotas and a copy. */
export interface SendDeps {
  redis: RedisClient;
  keys: Keys;
  transport: MailTransport;
  metrics: Pick<MetricsCounters, 'emailSent'>;
  sentTexts: Pick<SentTexts, 'record'>;
  quota?: SendQuota;
  keepCopy?: KeepCopy;
  /**
   * Replicas that must hold the send record before the message goes out (Redis WAIT on `redis`, which made the
   * write). A record lost in a failover would let a retry send the email again.
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

// This module owns the send records (`keys.sent`): nothing else reads or writes them.
const SENT_RETENTION_SECONDS = 400 * 24 * 3600;
/** How long a send waits for the replicas to confirm its record, and how long the queue then waits before trying again. */
const REPLICA_WAIT_MS = 2_000;
const REPLICA_RETRY_MS = 5_000;

export function sentKeyFor(keys: Keys, email: Pick<OutgoingEmail, 'emailId' | 'kind' | 'to'>): string {
  const recipientKey = createHash('sha256').update(email.to.toLowerCase()).digest('hex').slice(0, 16);
  return keys.sent(email.emailId, email.kind, recipientKey);
}

/**
 * Where a send got to: `sending:<ms>:<attempt>` until the server answers DATA, `data:<ms>:<attempt>` from then on,
 * `sent:<ms>` once accepted. A bare `sending:<ms>` comes from before the stage was recorded and may have reached DATA.
 */
type SendStage = 'none' | 'before-data' | 'uncertain' | 'sent';

function stageOf(record: string | null): SendStage {
  if (record === null) return 'none';
  if (record.startsWith('sent:')) return 'sent';
  return /^sending:\d+:/.test(record) ? 'before-data' : 'uncertain';
}

// Compare and set (or delete, when the new value is empty): only the attempt holding the record moves it on.
// Already at the new value counts as done: ioredis sends a script again when a failover cut its answer off.
const SWAP = `
local current = redis.call('GET', KEYS[1])
if current == ARGV[2] or (current == false and ARGV[2] == '') then return 1 end
if current ~= ARGV[1] then return 0 end
if ARGV[2] == '' then redis.call('DEL', KEYS[1]) else redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3]) end
return 1
`;

async function swap(redis: RedisClient, key: string, from: string, to: string): Promise<boolean> {
  return (await redis.eval(SWAP, 1, key, from, to, String(SENT_RETENTION_SECONDS))) === 1;
}

/**
 * Sends an email at most once per (submission, kind, recipient). The record moves `sending` → `data` → `sent`; a
 * failure the SMTP server reported clears it so a retry can send. A record left at `sending` means the process
 * died before the server answered DATA: nothing can have been delivered, so the next attempt takes it over and
 * sends. One left at `data` means it died while the server may have taken the email: whether it was delivered is
 * unknown, so it is never sent again automatically and staff decide (DELIVERY_UNCERTAIN).
 */
export async function sendOnce(deps: SendDeps, email: OutgoingEmail): Promise<SendOutcome> {
  const { redis, keys, keepCopy } = deps;
  const key = sentKeyFor(keys, email);
  const current = await redis.get(key);
  const stage = stageOf(current);
  if (stage === 'sent') return 'already-sent';
  if (stage === 'uncertain') throw new IntakeError('DELIVERY_UNCERTAIN', `A ${email.kind} email may already have been sent; it was not sent again`);
  const attempt = `${Date.now()}:${randomUUID()}`;
  let held = `sending:${attempt}`;
  const claimed = current === null ? (await redis.set(key, held, 'EX', SENT_RETENTION_SECONDS, 'NX')) === 'OK' : await swap(redis, key, current, held);
  if (!claimed) throw new IntakeError('SMTP_TEMPORARY', `Another attempt started this ${email.kind} email; retrying`);
  // Two attempts can both hold `sending` (one taken over while still alive): only the one still holding it at DATA
  // goes on; the other's connection closes before the message's last line, so the server discards it.
  let overtaken = false;
  let unreplicated = false;
  const beforeData = async () => {
    if (!(await swap(redis, key, held, `data:${attempt}`))) {
      overtaken = true;
      throw new Error('Another attempt took this send over');
    }
    held = `data:${attempt}`;
    const replicas = deps.replicas ?? 0;
    if (replicas > 0 && (await redis.wait(replicas, REPLICA_WAIT_MS)) < replicas) {
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
    await swap(redis, key, held, '');
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
  await Promise.all([redis.set(key, `sent:${Date.now()}`, 'EX', SENT_RETENTION_SECONDS), deps.metrics.emailSent(email.kind), deps.sentTexts.record(email)]);
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

/**
 * `sent`, `uncertain` (the process died after the server answered DATA: never repeated automatically) or null
 * (never tried, or stopped before DATA: the next send goes ahead).
 */
export async function sendState(redis: RedisClient, keys: Keys, email: Pick<OutgoingEmail, 'emailId' | 'kind' | 'to'>): Promise<'sent' | 'uncertain' | null> {
  const stage = stageOf(await redis.get(sentKeyFor(keys, email)));
  return stage === 'sent' || stage === 'uncertain' ? stage : null;
}
