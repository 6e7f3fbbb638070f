import { firstHeader, type ReadEmail } from './read-email.js';

/**
 * What a delivery failure report says about the email it bounced. The recipient is an address: it is for
 * staff pages and the ledger, never for logs.
 */
export interface Bounce {
  /** Message-ID of the email that could not be delivered, when the report quotes it. */
  originalMessageId: string | null;
  /** The submission the bounced email was a reply to, when it was one of ours. */
  emailId: string | null;
  replyKind: string | null;
  recipient: string | null;
  /** RFC 3463 status code, such as 5.1.1. */
  status: string | null;
  action: string | null;
}

// Our replies: <{emailId}.{kind}.{recipientKey}@{domain}>, as replyMessageId writes them.
const REPLY_MESSAGE_ID = /^<?([0-9a-f]{32})\.([a-z0-9-]{1,40})\.([0-9a-f]{16})@[^<>\s]+?>?$/i;

export function parseReplyMessageId(id: string): { emailId: string; kind: string } | null {
  const match = REPLY_MESSAGE_ID.exec(id.trim());
  return match ? { emailId: match[1]!.toLowerCase(), kind: match[2]!.toLowerCase() } : null;
}

/** The submission an email of ours belonged to, from the Message-ID we gave it. */
export function emailIdFromReplyMessageId(id: string): string | null {
  return parseReplyMessageId(id)?.emailId ?? null;
}

// Reports that do not follow RFC 3464, by the subjects the common servers give them.
const BOUNCE_SUBJECT =
  /^(undeliverable|undelivered mail|delivery status notification \((failure|delay)\)|mail delivery (failed|failure|subsystem)|returned mail|failure notice|delivery failure|message not delivered|non-?delivery)/i;
const BOUNCE_SENDER = /^(mailer-daemon|postmaster)@/i;

function topHeaders(raw: Buffer): string {
  const text = raw.subarray(0, 64 * 1024).toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  return (end >= 0 ? text.slice(0, end) : text).replace(/\r?\n[ \t]+/g, ' ');
}

function isDeliveryReport(raw: Buffer): boolean {
  const contentType = /^content-type:\s*([^\n]*)/im.exec(topHeaders(raw))?.[1] ?? '';
  return /multipart\/report/i.test(contentType) && /report-type\s*=\s*"?delivery-status/i.test(contentType);
}

/** True for a delivery status notification, standard (RFC 3464) or in the forms common servers send. */
export function isBounce(email: ReadEmail, raw: Buffer): boolean {
  if (isDeliveryReport(raw)) return true;
  if (email.headers.has('x-failed-recipients')) return true;
  const subject = email.subject.replace(/^\s*(re|fwd?):\s*/i, '');
  return BOUNCE_SUBJECT.test(subject) && (BOUNCE_SENDER.test(email.from ?? '') || /^<?\s*>?$/.test(firstHeader(email, 'return-path') ?? 'x'));
}

function field(texts: string[], pattern: RegExp): string | null {
  for (const text of texts) {
    const match = pattern.exec(text);
    if (match?.[1]) return match[1].trim();
  }
  return null;
}

function quotedMessageIds(texts: string[], ownId: string | null): string[] {
  const ids: string[] = [];
  for (const text of texts) {
    for (const match of text.matchAll(/^\s*message-id:\s*(<[^<>\s]{1,250}>)/gim)) {
      if (match[1] && match[1] !== ownId) ids.push(match[1]);
    }
  }
  return ids;
}

/**
 * Reads a bounce: the Message-ID of the email it returns (from the attached original or its headers,
 * a `text/rfc822-headers` part, or text quoted by servers that do not follow RFC 3464), the failed
 * recipient and the status. Returns null when the email is not a bounce.
 */
export function matchBounce(email: ReadEmail, raw: Buffer): Bounce | null {
  if (!isBounce(email, raw)) return null;
  const rawText = raw.toString('latin1');
  const body = rawText.slice(rawText.search(/\r?\n\r?\n/) + 1);
  // The parser may hand the report parts over as attachments or fold them into the text; read them all.
  const texts = [...email.attachments.map((attachment) => attachment.content.toString('utf8')), email.text, body];
  const ids = quotedMessageIds(texts, email.messageId);
  const originalMessageId = ids.find((id) => parseReplyMessageId(id)) ?? ids[0] ?? null;
  const ours = originalMessageId ? parseReplyMessageId(originalMessageId) : null;
  const recipient =
    field(texts, /^\s*final-recipient:\s*rfc822;\s*<?([^\s<>;]+@[^\s<>;]+)>?/im) ??
    field(texts, /^\s*original-recipient:\s*rfc822;\s*<?([^\s<>;]+@[^\s<>;]+)>?/im) ??
    (firstHeader(email, 'x-failed-recipients')?.split(',')[0]?.trim() || null);
  return {
    originalMessageId,
    emailId: ours?.emailId ?? null,
    replyKind: ours?.kind ?? null,
    recipient,
    status: field(texts, /^\s*status:\s*([245]\.\d{1,3}\.\d{1,3})/im) ?? field([email.text], /\b([45]\.\d{1,3}\.\d{1,3})\b/),
    action: field(texts, /^\s*action:\s*(failed|delayed|delivered|relayed|expanded)\b/im)?.toLowerCase() ?? null,
  };
}
