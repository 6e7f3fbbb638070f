import { createHash } from 'node:crypto';
import { classifyFile, type FormKind } from './forms.js';
import { readEmail, type EmailAttachment, type ReadEmail, type ReadLimits } from './read-email.js';
import { DEFAULT_ZIP_LIMITS, readZip, type ZipLimits, type ZipProblem } from './zip-attachment.js';

export type FormOrigin = 'attachment' | 'zip' | 'forwarded';

export interface FormFile {
  filename: string;
  kind: FormKind;
  content: Buffer;
  origin: FormOrigin;
}

export type SkipCode =
  | 'WRONG_FORMAT'
  | 'ZIP_WITHOUT_FORM'
  | 'ZIP_TOO_MANY_FILES'
  | 'ZIP_TOO_LARGE'
  | 'ZIP_ENCRYPTED'
  | 'ZIP_UNREADABLE'
  | 'ZIP_IN_ZIP'
  | 'FORWARDED_UNREADABLE'
  | 'FORWARDED_TOO_DEEP'
  | 'WINMAIL'
  | 'DUPLICATE';

/** A file that was not read, with a note for the reply. Notes never contain the file name or the sender. */
export interface SkippedFile {
  filename: string;
  code: SkipCode;
  note: string;
}

export interface ExtractedForms {
  forms: FormFile[];
  skipped: SkippedFile[];
}

export interface ExtractionLimits extends ReadLimits {
  zip?: ZipLimits;
  /** How many forwarded emails deep to look: 1 reads a forwarded email, 2 also one forwarded inside it. */
  maxForwardDepth?: number;
}

const ZIP_NOTES: Record<ZipProblem, [SkipCode, string]> = {
  TOO_MANY_ENTRIES: ['ZIP_TOO_MANY_FILES', 'the .zip holds too many files to open: please attach the form itself'],
  TOO_LARGE: ['ZIP_TOO_LARGE', 'the .zip is too large when unpacked: please attach the form itself'],
  ENCRYPTED: ['ZIP_ENCRYPTED', 'the .zip is password-protected: please attach the form itself'],
  UNREADABLE: ['ZIP_UNREADABLE', 'the .zip could not be opened: please attach the form itself'],
};

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

function addForm(context: Context, form: FormFile): void {
  const hash = createHash('sha256').update(form.content).digest('hex');
  if (context.seen.has(hash)) {
    context.found.skipped.push({ filename: form.filename, code: 'DUPLICATE', note: 'the same form was attached more than once and was read once' });
    return;
  }
  context.seen.add(hash);
  context.found.forms.push(form);
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

async function fromZip(context: Context, attachment: EmailAttachment, origin: FormOrigin): Promise<void> {
  const isForm = (name: string) => classifyFile(baseName(name), '', false).role === 'form';
  const zipLimits = context.limits.zip ?? DEFAULT_ZIP_LIMITS;
  const result = await readZip(attachment.content, { ...zipLimits, maxTotalBytes: context.unpackedLeft }, isForm);
  const skip = (code: SkipCode, note: string, filename = attachment.filename) => {
    context.found.skipped.push({ filename, code, note });
  };
  if (!result.ok) return skip(...ZIP_NOTES[result.problem]);
  let noted = 0;
  for (const file of result.contents.files) {
    context.unpackedLeft -= file.content.length;
    const role = classifyFile(baseName(file.name), '', false);
    if (role.role === 'form')
      addForm(context, { filename: baseName(file.name), kind: role.kind, content: file.content, origin: origin === 'attachment' ? 'zip' : origin });
  }
  for (const name of result.contents.names) {
    const role = classifyFile(baseName(name), '', false);
    if (role.role === 'wrong-format') skip('WRONG_FORMAT', role.note, baseName(name));
    else if (role.role === 'zip') skip('ZIP_IN_ZIP', 'a .zip inside a .zip is not opened: please attach the form itself', baseName(name));
    else continue;
    noted += 1;
  }
  if (result.contents.files.length === 0 && noted === 0) {
    skip('ZIP_WITHOUT_FORM', `a .zip with ${plural(result.contents.names.length, 'file')}, none a form (.xlsx or .csv)`);
  }
}

async function fromForwarded(context: Context, attachment: EmailAttachment, depth: number): Promise<void> {
  const filename = attachment.filename || 'forwarded email';
  if (depth >= (context.limits.maxForwardDepth ?? 2)) {
    context.found.skipped.push({
      filename,
      code: 'FORWARDED_TOO_DEEP',
      note: 'forms in emails forwarded several times over are not read: please attach the form itself',
    });
    return;
  }
  const read = await readEmail(attachment.content, context.limits);
  if (!read.ok) {
    context.found.skipped.push({ filename, code: 'FORWARDED_UNREADABLE', note: `a forwarded email could not be read (${read.reason})` });
    return;
  }
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
      context.found.skipped.push({ filename: attachment.filename, code: 'WRONG_FORMAT', note: role.note });
    } else if (role.role === 'zip') {
      await fromZip(context, attachment, origin);
    } else if (role.role === 'forwarded') {
      await fromForwarded(context, attachment, depth);
    } else if (role.role === 'winmail') {
      const note = 'Outlook sent the attachments in its own format (winmail.dat): please send the form again as an ordinary attachment';
      context.found.skipped.push({ filename: attachment.filename, code: 'WINMAIL', note });
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
