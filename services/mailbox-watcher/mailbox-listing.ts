import type { FetchMessageObject, ImapFlow } from 'imapflow';
import type { MailboxPosition } from '../../src/emails/mailbox-positions.js';
import type { Logger } from '../../src/logger.js';

/** What a scan looks at: the emails above the stored position, or every one on a full scan. */
export interface Listing {
  uidValidity: string;
  /** In UID order; an email carries its `source` when the listing brought all of it. */
  messages: FetchMessageObject[];
  /** The stored position's highest UID (0 when it was for another UIDVALIDITY or there was none). */
  lastUid: number;
  sameMailbox: boolean;
}

export interface ListingRequest {
  mailbox: string;
  kind: 'new' | 'full';
  /** The stored position, still being read from Redis: the truth about where the last scan stopped. */
  stored: Promise<MailboxPosition | null>;
  /** The position this watcher last knew. A scan of new mail starts its FETCH from it instead of waiting for `stored`. */
  hint: MailboxPosition | null;
}

const LISTED = { uid: true, size: true, envelope: true, internalDate: true } as const;
// A scan of new mail asks for each email's first bytes with its listing, so an email that fits needs no FETCH of
// its own. The budget is shared by every email the mailbox holds, which bounds what one FETCH brings in whatever
// the number of new emails; below the floor too few emails would fit for the bytes to be worth it.
export const CONTENT_BUDGET_BYTES = 32 * 1024 * 1024;
const CONTENT_MAX_BYTES = 1024 * 1024;
const CONTENT_MIN_BYTES = 16 * 1024;

/**
 * Lists, under the mailbox lock, the emails a scan should look at. The FETCH of new mail and the read of the
 * stored position run at once; when the stored position is behind the hint (a Redis failover lost its last
 * write), the UIDs between them are listed too, so nothing the stored position does not cover is skipped.
 */
export async function listMessages(client: ImapFlow, request: ListingRequest, logger: Logger): Promise<Listing> {
  // Awaited below; this only keeps a failed read from going unhandled should the lock or the NOOP fail first.
  request.stored.catch(() => undefined);
  const lock = await client.getMailboxLock(request.mailbox);
  try {
    // NOOP is how IMAP polls: the server reports new messages (EXISTS) in its answer. Without IDLE it is the
    // only way to learn of them, and with IDLE it costs one round trip on a full scan.
    if (request.kind === 'full') await client.noop();
    const opened = client.mailbox;
    if (!opened) throw new Error('mailbox not open');
    const uidValidity = String(opened.uidValidity);
    const contentBytes = request.kind === 'new' ? contentBytesFor(opened.exists) : 0;
    // "N:*" always matches the newest message, even when its UID is below N, hence the filter.
    const fetchAbove = async (lowest: number, highest: number | '*') => {
      if (opened.exists === 0) return [];
      const query = contentBytes > 0 ? { ...LISTED, source: { maxLength: contentBytes } } : LISTED;
      const fetched = await client.fetchAll(`${lowest + 1}:${highest}`, query, { uid: true });
      return fetched.filter((message) => message.uid > lowest).map((message) => whole(message, contentBytes));
    };
    const { hint } = request;
    const early = request.kind === 'new' && hint?.uidValidity === uidValidity ? fetchAbove(hint.lastUid, '*') : Promise.resolve(null);
    // Both settle before either outcome is used: the lock is not released under a FETCH still running.
    const [storedResult, earlyResult] = await Promise.allSettled([request.stored, early]);
    if (storedResult.status === 'rejected') throw storedResult.reason;
    if (earlyResult.status === 'rejected') throw earlyResult.reason;
    const stored = storedResult.value;
    const sameMailbox = stored?.uidValidity === uidValidity;
    const lastUid = sameMailbox ? stored.lastUid : 0;
    if (!sameMailbox && stored) logger.warn({ mailbox: request.mailbox }, 'UIDVALIDITY changed; rescanning the whole mailbox');
    if (request.kind === 'full' || !sameMailbox) return { uidValidity, messages: await fetchAbove(0, '*'), lastUid, sameMailbox };
    const fromHint = earlyResult.value;
    if (!fromHint || !hint) return { uidValidity, messages: await fetchAbove(lastUid, '*'), lastUid, sameMailbox };
    const missed = hint.lastUid > lastUid ? await fetchAbove(lastUid, hint.lastUid) : [];
    const messages = [...missed, ...fromHint.filter((message) => message.uid > lastUid)];
    return { uidValidity, messages, lastUid, sameMailbox };
  } finally {
    lock.release();
  }
}

/** How many bytes of each email a scan of new mail asks for: 0 for none. */
export function contentBytesFor(emailsInMailbox: number): number {
  const bytes = Math.min(CONTENT_MAX_BYTES, Math.floor(CONTENT_BUDGET_BYTES / Math.max(1, emailsInMailbox)));
  return bytes < CONTENT_MIN_BYTES ? 0 : bytes;
}

/** The listed email with its content only when the server sent all of it: fewer bytes than asked for. */
function whole(message: FetchMessageObject, contentBytes: number): FetchMessageObject {
  if (!message.source || message.source.length < contentBytes) return message;
  const { source: _cut, ...listed } = message;
  return listed;
}
