/**
 * RFC 3834: an automatic responder must not answer automatic mail, lists, bounces or no-reply senders,
 * or two robots can mail each other forever. Returns why no reply may be sent, or null when one may.
 */
export function automaticMessageReason(headers: Map<string, string>, fromAddress: string | null): string | null {
  const header = (name: string) => (headers.get(name) ?? '').trim().toLowerCase();
  const autoSubmitted = header('auto-submitted');
  if (autoSubmitted && autoSubmitted !== 'no') return 'it was sent automatically (Auto-Submitted)';
  if (/^(bulk|junk|list)\b/.test(header('precedence'))) return 'it is bulk or list mail (Precedence)';
  // Not in RFC 3834, but older vacation responders mark their replies this way.
  if (header('precedence') === 'auto_reply') return 'it is an automatic reply (Precedence)';
  // mailparser gathers every List-* header under one 'list' entry.
  if (headers.has('list') || [...headers.keys()].some((name) => name.startsWith('list-'))) return 'it came from a mailing list';
  if (headers.has('return-path') && /^<?\s*>?$/.test(header('return-path'))) return 'it has an empty return path (a bounce)';
  if (header('content-type').startsWith('multipart/report')) return 'it is a delivery status notification';
  if (header('x-autoreply') || header('x-autorespond')) return 'it is an automatic reply';
  if (!fromAddress) return 'it has no sender address to reply to';
  const localPart = fromAddress.split('@')[0]?.toLowerCase() ?? '';
  if (/^(mailer-daemon|postmaster|no-?reply|do-?not-?reply|bounces?)([+.-]|$)/.test(localPart)) {
    return 'it came from an address that does not accept replies';
  }
  return null;
}
