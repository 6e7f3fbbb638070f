import { emailIdFromReplyMessageId } from '../mail/bounces.js';

export interface ReplyHeaders {
  subject: string;
  inReplyTo?: string | null | undefined;
  references?: string | readonly string[] | null | undefined;
}

export interface EarlierSubmissionHints {
  /** Submissions whose reply this email answers, most likely first. */
  emailIds: string[];
  /** References such as CP-1A2B3C4D quoted in the subject. */
  references: string[];
}

const REFERENCE = /\bCP-([0-9A-F]{8})\b/gi;
const MESSAGE_ID = /<[^<>\s]+>/g;

/**
 * Which earlier submission a corrected form answers. Our replies' Message-IDs carry the submission's email id,
 * so `In-Reply-To` names it exactly; `References` lists the thread oldest first, so the newest is tried first.
 */
export function earlierSubmissionHints(headers: ReplyHeaders): EarlierSubmissionHints {
  const references = typeof headers.references === 'string' ? (headers.references.match(MESSAGE_ID) ?? []) : [...(headers.references ?? [])];
  const candidates = [headers.inReplyTo ?? '', ...references.reverse()];
  const emailIds: string[] = [];
  for (const id of candidates) {
    const emailId = id ? emailIdFromReplyMessageId(id) : null;
    if (emailId && !emailIds.includes(emailId)) emailIds.push(emailId);
  }
  const quoted = [...headers.subject.matchAll(REFERENCE)].map((m) => `CP-${(m[1] ?? '').toUpperCase()}`);
  return { emailIds, references: [...new Set(quoted)] };
}
