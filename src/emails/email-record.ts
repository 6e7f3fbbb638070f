import { z } from 'zod';
import { jsonField, optionalField, parseStored } from '../stored-record.js';

/**
 * The life of one email, in order. `queued` → (`in-progress` while its forms are checked and set up) →
 * `replied` or `review` (the outcome is recorded) → `filed` (moved to its outcome folder). An email only
 * leaves the inbox once its outcome is recorded.
 */
export type EmailState = 'queued' | 'in-progress' | 'replied' | 'review' | 'filed';
/** Each outcome has its own folder: answered without a form, forms accepted, forms rejected, staff review. */
export type Outcome = 'processed' | 'accepted' | 'rejected' | 'review';

/** What a reply to the email needs, kept from the email so later stages need not parse it again. */
export interface EmailEnvelope {
  replyAddress: string;
  subject: string;
  messageId: string | null;
  references: string[];
  senderAuth: { dmarc: string; reason: string } | null;
}

export interface EmailLocation {
  mailbox: string;
  uidValidity: string;
  uid: number;
}

export interface EmailRecord extends EmailLocation {
  emailId: string;
  messageId: string;
  size: number;
  /** When the watcher learnt of the email, and when it had recorded it: the service's share of pickup time. */
  noticedAt: number;
  pickedUpAt: number;
  state: EmailState;
  outcome?: Outcome;
  outcomeReason?: string;
  outcomeFolder?: string;
  replyKind?: string;
  decidedAt?: number;
  filedAt?: number;
  /** Where the email was filed (its UID in the outcome folder), so a later change of outcome can move it on. */
  filedLocation?: EmailLocation;
  envelope?: EmailEnvelope;
  /** Delivery failures of our replies to this email, for staff. */
  bounces?: Array<{ at: number; status: string | null; action: string | null }>;
  /** A staff member dealt with an email held for review (it needs nothing more from the service). */
  handled?: EmailHandled;
}

export interface EmailHandled {
  at: number;
  by: string;
  how: 'handled' | 'replied-by-hand';
  note: string;
}

const EMAIL_STATES = ['queued', 'in-progress', 'replied', 'review', 'filed'] as const satisfies readonly EmailState[];
const OUTCOMES = ['processed', 'accepted', 'rejected', 'review'] as const satisfies readonly Outcome[];

const LocationSchema = z.object({ mailbox: z.string(), uidValidity: z.string(), uid: z.number() });
// Defaults for fields later versions added, so records written before them still read.
const EnvelopeSchema = z.object({
  replyAddress: z.string(),
  subject: z.string(),
  messageId: z.string().nullable().default(null),
  references: z.array(z.string()).default([]),
  senderAuth: z.object({ dmarc: z.string(), reason: z.string() }).nullable().default(null),
});
const BounceSchema = z.object({ at: z.number(), status: z.string().nullable(), action: z.string().nullable() });
const HandledSchema = z.object({ at: z.number(), by: z.string(), how: z.enum(['handled', 'replied-by-hand']), note: z.string() });

const EmailHashSchema = z
  .object({
    emailId: z.string().min(1),
    messageId: z.string().default(''),
    mailbox: z.string().default(''),
    uidValidity: z.string().default(''),
    uid: z.coerce.number(),
    size: z.coerce.number(),
    noticedAt: optionalField(z.coerce.number()),
    pickedUpAt: z.coerce.number(),
    state: z.enum(EMAIL_STATES),
    outcome: optionalField(z.enum(OUTCOMES)),
    outcomeReason: z.string().optional(),
    outcomeFolder: z.string().optional(),
    replyKind: z.string().optional(),
    decidedAt: optionalField(z.coerce.number()),
    filedAt: optionalField(z.coerce.number()),
    filedLocation: optionalField(jsonField(LocationSchema)),
    envelope: optionalField(jsonField(EnvelopeSchema)),
    bounces: optionalField(jsonField(z.array(BounceSchema))),
    handled: optionalField(jsonField(HandledSchema)),
  })
  .transform(({ noticedAt, ...record }): EmailRecord => ({ ...record, noticedAt: noticedAt ?? record.pickedUpAt }));

/** An email's hash as read from Redis: null when it holds no record, a CorruptRecordError when it cannot be read. */
export function toRecord(hash: Record<string, string>): EmailRecord | null {
  if (!hash.emailId) return null;
  return parseStored(EmailHashSchema, hash, 'email record');
}

/** The envelope field alone, or undefined when it is missing or unreadable. */
export function envelopeOf(field: string): EmailEnvelope | undefined {
  const parsed = optionalField(jsonField(EnvelopeSchema)).safeParse(field);
  return parsed.success ? parsed.data : undefined;
}
