import { createHash } from 'node:crypto';
import { classifyFile, type FormKind } from './forms.js';
import { readEmail, type EmailAttachment, type ReadEmail, type ReadLimits } from './read-email.js';
import type { SkipCode, SkipNotice } from './skip-notes.js';
import { DEFAULT_ZIP_LIMITS, readZip, type ZipLimits, type ZipProblem } from './zip-attachment.js';

export type FormOrigin = 'attachment' | 'zip' | 'forwarded';

export interface FormFile {
  filename: string;
  kind: FormKind;
  content: Buffer;
  origin: FormOrigin;
}

/** A file that was not read, and why as a code; the reply words it in its own language (`skipNote`). */
export type SkippedFile = SkipNotice & { filename: string };

export interface ExtractedForms {
  forms: FormFile[];
  skipped: SkippedFile[];
}

export interface ExtractionLimits extends ReadLimits {
  zip?: ZipLimits;
  /** How many forwarded emails deep to look: 1 reads a forwarded email, 2 also one forwarded inside it. */
  maxForwardDepth?: number;
}

const ZIP_PROBLEMS: Record<ZipProblem, SkipCode> = {
  TOO_MANY_ENTRIES: 'ZIP_TOO_MANY_FILES',
  TOO_LARGE: 'ZIP_TOO_LARGE',
  ENCRYPTED: 'ZIP_ENCRYPTED',
  UNREADABLE: 'ZIP_UNREADABLE',
};
const NO_PARAMS = {};

interface Context {
  limits: ExtractionLimits;
  found: ExtractedForms;
  seen: Set<string>;
  /** Bytes still allowed out of all the email's archives together, so twenty zips cannot add up. */
  unpackedLeft: number;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function skip(context: Context, filename: string, notice: SkipNotice): void {
  context.found.skipped.push({ filename, ...notice });
}

function addForm(context: Context, form: FormFile): void {
  const hash = createHash('sha256').update(form.content).digest('hex');
  if (context.seen.has(hash)) {
    skip(context, form.filename, { code: 'DUPLICATE', params: NO_PARAMS });
    return;
  }
  context.seen.add(hash);
  context.found.forms.push(form);
}

async function fromZip(context: Context, attachment: EmailAttachment, origin: FormOrigin): Promise<void> {
  const isForm = (name: string) => classifyFile(baseName(name), '', false).role === 'form';
  const zipLimits = context.limits.zip ?? DEFAULT_ZIP_LIMITS;
  const result = await readZip(attachment.content, { ...zipLimits, maxTotalBytes: context.unpackedLeft }, isForm);
  if (!result.ok) return skip(context, attachment.filename, { code: ZIP_PROBLEMS[result.problem], params: NO_PARAMS } as SkipNotice);
  let noted = 0;
  for (const file of result.contents.files) {
    context.unpackedLeft -= file.content.length;
    const role = classifyFile(baseName(file.name), '', false);
    if (role.role === 'form')
      addForm(context, { filename: baseName(file.name), kind: role.kind, content: file.content, origin: origin === 'attachment' ? 'zip' : origin });
  }
  for (const name of result.contents.names) {
    const role = classifyFile(baseName(name), '', false);
    if (role.role === 'wrong-format') skip(context, baseName(name), { code: 'WRONG_FORMAT', params: { format: role.format } });
    else if (role.role === 'zip') skip(context, baseName(name), { code: 'ZIP_IN_ZIP', params: NO_PARAMS });
    else continue;
    noted += 1;
  }
  if (result.contents.files.length === 0 && noted === 0) {
    skip(context, attachment.filename, { code: 'ZIP_WITHOUT_FORM', params: { files: result.contents.names.length } });
  }
}

async function fromForwarded(context: Context, attachment: EmailAttachment, depth: number): Promise<void> {
  const filename = attachment.filename || 'forwarded email';
  if (depth >= (context.limits.maxForwardDepth ?? 2)) {
    return skip(context, filename, { code: 'FORWARDED_TOO_DEEP', params: NO_PARAMS });
  }
  const read = await readEmail(attachment.content, context.limits);
  if (!read.ok) return skip(context, filename, { code: 'FORWARDED_UNREADABLE', params: { reason: read.reason } });
  await fromAttachments(context, read.email.attachments, 'forwarded', depth + 1);
}

async function fromAttachments(context: Context, attachments: EmailAttachment[], origin: FormOrigin, depth: number): Promise<void> {
  let unnamed = 0;
  for (const attachment of attachments) {
    const role = classifyFile(attachment.filename, attachment.contentType, attachment.inline);
    if (role.role === 'form') {
      const filename = attachment.filename || `form ${(unnamed += 1)}.${role.kind}`;
      addForm(context, { filename, kind: role.kind, content: attachment.content, origin });
    } else if (role.role === 'wrong-format') {
      skip(context, attachment.filename, { code: 'WRONG_FORMAT', params: { format: role.format } });
    } else if (role.role === 'zip') {
      await fromZip(context, attachment, origin);
    } else if (role.role === 'forwarded') {
      await fromForwarded(context, attachment, depth);
    } else if (role.role === 'winmail') {
      skip(context, attachment.filename, { code: 'WINMAIL', params: NO_PARAMS });
    }
  }
}

/**
 * Finds every registration form in an email: attachments, forms inside a .zip (one level), and the
 * attachments of forwarded emails, parsed under the same limits. Each form found is one submission;
 * files that look like the form in the wrong format come back in `skipped` so the reply can say why.
 */
export async function extractForms(email: ReadEmail, limits: ExtractionLimits): Promise<ExtractedForms> {
  const unpackedLeft = (limits.zip ?? DEFAULT_ZIP_LIMITS).maxTotalBytes;
  const context: Context = { limits, found: { forms: [], skipped: [] }, seen: new Set(), unpackedLeft };
  await fromAttachments(context, email.attachments, 'attachment', 0);
  return context.found;
}
