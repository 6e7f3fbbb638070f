import type { ReadEmail } from './read-email.js';

// RFC 3834 §5: "auto-submitted" [; parameters], with comments allowed; only the keyword counts.
const keyword = (value: string) =>
  value
    .split(';')[0]!
    .replace(/\([^)]*\)/g, '')
    .trim()
    .toLowerCase();

// Read receipts and vacation replies from software that sets no RFC 3834 header say what they are in the
// subject, in the language of the sender's mail program (Outlook, Exchange, Notes, web mail).
const READ_RECEIPT_SUBJECT = /^(not read|read|nicht gelesen|gelesen|non lu|lu|no leído|leído|niet gelezen|gelezen|non letto|letto)\s*:/i;
const AUTO_REPLY_PHRASES = [
  'automatic reply',
  'auto reply',
  'auto-reply',
  'autoreply',
  'automatic response',
  'auto-response',
  'out of office',
  'out of the office',
  'out of office reply',
  'abwesend',
  'abwesenheitsnotiz',
  'automatische antwort',
  'réponse automatique',
  'respuesta automática',
  'risposta automatica',
  'resposta automática',
  'automatisch antwoord',
  'autosvar',
];
// The phrase must end the subject or be followed by a colon or dash: "Out of office hours" is a person.
const AUTO_REPLY_SUBJECT = new RegExp(`^(${AUTO_REPLY_PHRASES.join('|')})(?=\\s*[:\\-–]|\\s*$)`, 'i');

function automaticSubject(subject: string): string | null {
  const trimmed = subject.trim();
  const readReceipt = READ_RECEIPT_SUBJECT.exec(trimmed);
  if (readReceipt) return `it is a read receipt (its subject starts "${readReceipt[1]}")`;
  const autoReply = AUTO_REPLY_SUBJECT.exec(trimmed);
  return autoReply ? `it is an automatic reply (its subject starts "${autoReply[1]}")` : null;
}

/**
 * RFC 3834: an automatic responder must not answer automatic mail, lists, bounces or no-reply senders,
 * or two robots can mail each other forever. A header met more than once is read in every occurrence,
 * except Return-Path, where the topmost (our own server's) is the envelope sender. Returns why no reply
 * may be sent, or null when one may.
 */
export function automaticMessageReason(email: Pick<ReadEmail, 'headers' | 'from' | 'subject'>): string | null {
  const { headers } = email;
  const all = (name: string) => (headers.get(name) ?? []).map(keyword);
  if (all('auto-submitted').some((value) => value !== 'no')) return 'it was sent automatically (Auto-Submitted)';
  if (all('precedence').some((value) => /^(bulk|junk|list)\b/.test(value))) return 'it is bulk or list mail (Precedence)';
  // Not in RFC 3834, but older vacation responders mark their replies this way.
  if (all('precedence').includes('auto_reply')) return 'it is an automatic reply (Precedence)';
  if ([...headers.keys()].some((name) => name.startsWith('list-'))) return 'it came from a mailing list';
  const returnPath = headers.get('return-path')?.[0];
  if (returnPath !== undefined && /^<?\s*>?$/.test(returnPath)) return 'it has an empty return path (a bounce)';
  const contentType = headers.get('content-type')?.[0] ?? '';
  if (/^multipart\/report\b/i.test(contentType)) {
    // RFC 8098 read receipts travel in the same wrapper as delivery reports (RFC 3464).
    return /report-type\s*=\s*"?disposition-notification/i.test(contentType) ? 'it is a read receipt' : 'it is a delivery status notification';
  }
  const vendorMark = ['X-Autoreply', 'X-Autorespond'].find((name) => all(name.toLowerCase()).some(Boolean));
  if (vendorMark) return `it is an automatic reply (${vendorMark})`;
  // iCloud's vacation replies carry no Auto-Submitted, only Apple's own header.
  if (all('x-apple-action').includes('vacation')) return 'it is an automatic reply (an iCloud vacation reply)';
  const bySubject = automaticSubject(email.subject);
  if (bySubject) return bySubject;
  if (!email.from) return 'it has no sender address to reply to';
  const localPart = email.from.split('@')[0]?.toLowerCase() ?? '';
  if (/^(mailer-daemon|postmaster|no-?reply|do-?not-?reply|bounces?)([+.-]|$)/.test(localPart)) {
    return 'it came from an address that does not accept replies';
  }
  return null;
}
