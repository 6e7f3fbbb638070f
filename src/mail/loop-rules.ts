import type { ReadEmail } from './read-email.js';

// RFC 3834 §5: "auto-submitted" [; parameters], with comments allowed; only the keyword counts.
const keyword = (value: string) => value.split(';')[0]!.replace(/\([^)]*\)/g, '').trim().toLowerCase();

/**
 * RFC 3834: an automatic responder must not answer automatic mail, lists, bounces or no-reply senders,
 * or two robots can mail each other forever. A header met more than once is read in every occurrence,
 * except Return-Path, where the topmost (our own server's) is the envelope sender. Returns why no reply
 * may be sent, or null when one may.
 */
export function automaticMessageReason(email: Pick<ReadEmail, 'headers' | 'from'>): string | null {
  const { headers } = email;
  const all = (name: string) => (headers.get(name) ?? []).map(keyword);
  if (all('auto-submitted').some((value) => value !== 'no')) return 'it was sent automatically (Auto-Submitted)';
  if (all('precedence').some((value) => /^(bulk|junk|list)\b/.test(value))) return 'it is bulk or list mail (Precedence)';
  // Not in RFC 3834, but older vacation responders mark their replies this way.
  if (all('precedence').includes('auto_reply')) return 'it is an automatic reply (Precedence)';
  if ([...headers.keys()].some((name) => name.startsWith('list-'))) return 'it came from a mailing list';
  const returnPath = headers.get('return-path')?.[0];
  if (returnPath !== undefined && /^<?\s*>?$/.test(returnPath)) return 'it has an empty return path (a bounce)';
  if (all('content-type')[0]?.startsWith('multipart/report')) return 'it is a delivery status notification';
  if (all('x-autoreply').some(Boolean) || all('x-autorespond').some(Boolean)) return 'it is an automatic reply';
  if (!email.from) return 'it has no sender address to reply to';
  const localPart = email.from.split('@')[0]?.toLowerCase() ?? '';
  if (/^(mailer-daemon|postmaster|no-?reply|do-?not-?reply|bounces?)([+.-]|$)/.test(localPart)) {
    return 'it came from an address that does not accept replies';
  }
  return null;
}
