import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { exceedsMimeLimits, measureMimeShape, type MimeLimits } from './mime-limits.js';

export interface EmailAttachment {
  filename: string;
  contentType: string;
  size: number;
  content: Buffer;
  inline: boolean;
}

/** What the service needs from an email, with personal data kept to the addresses it must reply to. */
export interface ReadEmail {
  messageId: string | null;
  subject: string;
  from: string | null;
  replyTo: string | null;
  references: string[];
  /** Every header by lower-case name: each occurrence as written, unfolded, topmost first. */
  headers: Map<string, string[]>;
  text: string;
  attachments: EmailAttachment[];
}

export type ReadEmailResult = { ok: true; email: ReadEmail } | { ok: false; reason: string };

export interface ReadLimits extends MimeLimits {
  maxBytes: number;
  timeoutMs: number;
  /** More attachments than this and the email goes to staff; DEFAULT_MAX_ATTACHMENTS when not given. */
  maxAttachments?: number;
}

export const DEFAULT_MAX_ATTACHMENTS = 20;

function firstAddress(value: AddressObject | AddressObject[] | undefined): string | null {
  const objects = Array.isArray(value) ? value : value ? [value] : [];
  for (const object of objects) {
    for (const entry of object.value) if (entry.address) return entry.address;
  }
  return null;
}

// mailparser's parsed headers hold a repeated header as an array and drop parameters; the lines as
// written keep every occurrence (two Return-Paths, two Auto-Submitted) and every parameter.
function headerMap(lines: ParsedMail['headerLines']): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  for (const { key, line } of lines) {
    const name = key.toLowerCase();
    const value = line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
    const values = headers.get(name);
    if (values) values.push(value);
    else headers.set(name, [value]);
  }
  return headers;
}

/** The topmost occurrence of a header (the last one added on the way), or null when there is none. */
export function firstHeader(email: Pick<ReadEmail, 'headers'>, name: string): string | null {
  return email.headers.get(name)?.[0] ?? null;
}

function toReadEmail(parsed: ParsedMail): ReadEmail {
  const headers = headerMap(parsed.headerLines);
  const references = typeof parsed.references === 'string' ? [parsed.references] : (parsed.references ?? []);
  return {
    messageId: parsed.messageId ?? null,
    subject: parsed.subject ?? '',
    from: firstAddress(parsed.from),
    replyTo: firstAddress(parsed.replyTo),
    references,
    headers,
    text: parsed.text ?? '',
    attachments: parsed.attachments.map((attachment) => ({
      filename: attachment.filename ?? '',
      contentType: attachment.contentType.toLowerCase(),
      size: attachment.size,
      content: attachment.content,
      inline: attachment.contentDisposition === 'inline' || Boolean(attachment.related),
    })),
  };
}

/**
 * Parses an untrusted email within bounds: size and MIME shape are checked before parsing, the number of
 * attachments right after, and a parse that runs past the time limit is abandoned. A failure is a reason
 * in plain words, never an exception.
 */
export async function readEmail(raw: Buffer, limits: ReadLimits): Promise<ReadEmailResult> {
  if (raw.length > limits.maxBytes) {
    return { ok: false, reason: `the email is larger than ${Math.round(limits.maxBytes / 1024 / 1024)} MB` };
  }
  const tooComplex = exceedsMimeLimits(measureMimeShape(raw, limits), limits);
  if (tooComplex) return { ok: false, reason: `the email could not be read safely: ${tooComplex}` };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), limits.timeoutMs);
  });
  try {
    const parsed = await Promise.race([simpleParser(raw, { skipTextToHtml: true, skipImageLinks: true }), timeout]);
    const maxAttachments = limits.maxAttachments ?? DEFAULT_MAX_ATTACHMENTS;
    if (parsed.attachments.length > maxAttachments) {
      return { ok: false, reason: `the email has more than ${maxAttachments} attachments` };
    }
    return { ok: true, email: toReadEmail(parsed) };
  } catch (error) {
    const detail = error instanceof Error && error.message === 'timed out' ? 'reading it took too long' : 'its MIME structure is broken';
    return { ok: false, reason: `the email could not be read: ${detail}` };
  } finally {
    clearTimeout(timer);
  }
}
