export type FormKind = 'xlsx' | 'csv';

/** What one attached file is to the service. */
export type FileRole =
  | { role: 'form'; kind: FormKind }
  | { role: 'wrong-format'; format: WrongFormat }
  | { role: 'zip' }
  | { role: 'forwarded' }
  | { role: 'winmail' }
  | { role: 'other' };

const BY_EXTENSION: Record<string, FormKind> = { '.xlsx': 'xlsx', '.csv': 'csv' };
const BY_CONTENT_TYPE: Record<string, FormKind> = {
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'text/csv': 'csv',
};

const SPREADSHEET_FORMATS = ['.xls', '.xlsm', '.xlsb', '.ods', '.numbers'] as const;
// Documents are only reported when their name says they are the form; a letter or CV is not our business.
const DOCUMENT_FORMATS = ['.pdf', '.docx', '.doc'] as const;
/** A form in a format that is not read, by its extension; `disguised`: a name that hides the real extension. */
export type WrongFormat = (typeof SPREADSHEET_FORMATS)[number] | (typeof DOCUMENT_FORMATS)[number] | 'disguised';
const WRONG_SPREADSHEET: ReadonlySet<string> = new Set(SPREADSHEET_FORMATS);
const WRONG_DOCUMENT: ReadonlySet<string> = new Set(DOCUMENT_FORMATS);
// Welsh names too: "ffurflen" (form) and "cofrestru" with its mutations (gofrestru, chofrestru, nghofrestru).
const FORM_LIKE_NAME = /regist|form|onboard|common.?platform|users?\b|sign.?up|ffurflen|ofrestr/i;
// "form.xlsx.exe" or "users.csv.txt": the name's last extension is what the firm's computer opens it with.
const FORM_EXTENSION_INSIDE = /\.(xlsx|csv)\./i;
const ZIP_TYPES = new Set(['application/zip', 'application/x-zip-compressed', 'application/x-zip']);

// "v2.1", "Co. Ltd" and "2024.1" end a name, not a type: an extension is 1-5 letters or digits, one a letter.
const EXTENSION_LIKE = /^(?=.*\p{L})[\p{L}\p{N}]{1,5}$/u;
const KNOWN_EXTENSIONS = new Set([...Object.keys(BY_EXTENSION), ...WRONG_SPREADSHEET, ...WRONG_DOCUMENT, '.zip', '.eml']);
// A direction override anywhere ("form\u202Exslx.1" shows as "form1.xlsx"), a hidden character after the last dot or
// a form's own extension just before it ("form.xlsx.application") marks a disguise: what follows the dot stays the extension.
const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const HIDDEN = /[\p{Cf}\p{Cc}]/u;
const FORM_EXTENSION_LAST = /\.(xlsx|csv)$/i;

export function extensionOf(filename: string): string {
  // Windows drops trailing dots and spaces when it saves a file, so "form.xlsx.exe." opens as an .exe.
  const base = filename.slice(filename.lastIndexOf('/') + 1).replace(/[.\s]+$/, '');
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return '';
  const tail = base.slice(dot + 1);
  const extension = `.${tail.toLowerCase()}`;
  const disguised = BIDI_CONTROL.test(base) || HIDDEN.test(tail) || FORM_EXTENSION_LAST.test(base.slice(0, dot));
  const counts = disguised || EXTENSION_LIKE.test(tail) || KNOWN_EXTENSIONS.has(extension);
  return counts ? extension : '';
}

/**
 * Decides what an attached file is by its name first, then its content type (only for a file whose name has
 * no extension, as `extensionOf` counts one). Images, signatures and unrelated documents are `other`, which callers ignore.
 */
export function classifyFile(filename: string, contentType: string, inline: boolean): FileRole {
  const extension = extensionOf(filename);
  if (WRONG_SPREADSHEET.has(extension)) return { role: 'wrong-format', format: extension as WrongFormat };
  const kind = BY_EXTENSION[extension] ?? (inline || extension ? undefined : BY_CONTENT_TYPE[contentType]);
  if (kind) return { role: 'form', kind };
  if (WRONG_DOCUMENT.has(extension) && FORM_LIKE_NAME.test(filename)) return { role: 'wrong-format', format: extension as WrongFormat };
  if (extension === '.zip' || (!extension && ZIP_TYPES.has(contentType))) return { role: 'zip' };
  if (contentType === 'message/rfc822' || extension === '.eml') return { role: 'forwarded' };
  if (filename.toLowerCase() === 'winmail.dat' || contentType === 'application/ms-tnef') return { role: 'winmail' };
  if (extension && (BY_CONTENT_TYPE[contentType] || FORM_EXTENSION_INSIDE.test(filename))) return { role: 'wrong-format', format: 'disguised' };
  return { role: 'other' };
}
