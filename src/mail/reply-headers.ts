import { createHash } from 'node:crypto';

/** Control characters and line breaks are removed so nothing a sender wrote can add a header. */
export function cleanHeaderText(text: string, maxLength = 200): string {
  const cleaned = text
    // eslint-disable-next-line no-control-regex -- control characters are replaced so they cannot break a header
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned.length > maxLength ? `${cleaned.slice(0, maxLength - 1)}…` : cleaned;
}

export function replySubject(originalSubject: string, fallback: string): string {
  const subject = cleanHeaderText(originalSubject);
  if (!subject) return `Re: ${fallback}`;
  return /^re:/i.test(subject) ? subject : `Re: ${subject}`;
}

const MESSAGE_ID = /^<[^<>\s]{1,250}>$/;
const MAX_REFERENCES = 20;

export interface ThreadHeaders {
  inReplyTo?: string;
  references?: string[];
}

/** In-Reply-To and References for a reply, keeping the thread short enough for every mail client. */
export function threadHeaders(originalMessageId: string | null, originalReferences: string[]): ThreadHeaders {
  if (!originalMessageId || !MESSAGE_ID.test(originalMessageId)) return {};
  const earlier = originalReferences.filter((reference) => MESSAGE_ID.test(reference));
  const references = [...earlier.slice(0, 1), ...earlier.slice(1).slice(-(MAX_REFERENCES - 2)), originalMessageId];
  return { inReplyTo: originalMessageId, references: [...new Set(references)] };
}

/** The same email to the same recipient always gets the same Message-ID, so a resend is recognisable. */
export function replyMessageId(emailId: string, kind: string, recipient: string, fromAddress: string): string {
  const domain = fromAddress.split('@')[1] ?? 'localhost';
  const recipientKey = createHash('sha256').update(recipient.toLowerCase()).digest('hex').slice(0, 16);
  return `<${emailId}.${kind}.${recipientKey}@${domain}>`;
}
