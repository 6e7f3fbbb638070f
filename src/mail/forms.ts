import type { EmailAttachment } from './read-email.js';

export type FormKind = 'xlsx' | 'csv';

export interface FormAttachment {
  kind: FormKind;
  attachment: EmailAttachment;
}

const BY_EXTENSION: Record<string, FormKind> = { '.xlsx': 'xlsx', '.csv': 'csv' };
const BY_CONTENT_TYPE: Record<string, FormKind> = {
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'text/csv': 'csv',
};

function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot >= 0 ? filename.slice(dot).toLowerCase() : '';
}

/** Picks the registration forms out of an email's attachments; inline images and signatures are ignored. */
export function findFormAttachments(attachments: EmailAttachment[]): FormAttachment[] {
  const forms: FormAttachment[] = [];
  for (const attachment of attachments) {
    const kind = BY_EXTENSION[extensionOf(attachment.filename)] ?? (attachment.inline ? undefined : BY_CONTENT_TYPE[attachment.contentType]);
    if (kind) forms.push({ kind, attachment });
  }
  return forms;
}
