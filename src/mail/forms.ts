export type FormKind = 'xlsx' | 'csv';

/** What one attached file is to the service. */
export type FileRole =
  { role: 'form'; kind: FormKind } | { role: 'wrong-format'; note: string } | { role: 'zip' } | { role: 'forwarded' } | { role: 'winmail' } | { role: 'other' };

const BY_EXTENSION: Record<string, FormKind> = { '.xlsx': 'xlsx', '.csv': 'csv' };
const BY_CONTENT_TYPE: Record<string, FormKind> = {
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'text/csv': 'csv',
};

const SAVE_AS = 'please save it as an Excel Workbook (.xlsx) or CSV (.csv) and send it again';
const WRONG_SPREADSHEET: Record<string, string> = {
  '.xls': `.xls is the old Excel format: ${SAVE_AS}`,
  '.xlsm': `.xlsm is a macro-enabled workbook, which is not accepted: ${SAVE_AS}`,
  '.xlsb': `.xlsb is Excel's binary format: ${SAVE_AS}`,
  '.ods': `.ods is an OpenDocument spreadsheet: ${SAVE_AS}`,
  '.numbers': `.numbers is an Apple Numbers file: ${SAVE_AS}`,
};
// Documents are only reported when their name says they are the form; a letter or CV is not our business.
const WRONG_DOCUMENT: Record<string, string> = {
  '.pdf': 'a PDF of the form cannot be read: please send the spreadsheet itself (.xlsx or .csv)',
  '.docx': 'a Word copy of the form cannot be read: please send the spreadsheet itself (.xlsx or .csv)',
  '.doc': 'a Word copy of the form cannot be read: please send the spreadsheet itself (.xlsx or .csv)',
};
const FORM_LIKE_NAME = /regist|form|onboard|common.?platform|users?\b|sign.?up/i;
// "form.xlsx.exe" or "users.csv.txt": the name's last extension is what the firm's computer opens it with.
const DISGUISED_NOTE =
  'an attachment that looks like a spreadsheet has a name ending in something other than .xlsx or .csv, so it was not opened: please attach the form saved as .xlsx or .csv';
const FORM_EXTENSION_INSIDE = /\.(xlsx|csv)\./i;
const ZIP_TYPES = new Set(['application/zip', 'application/x-zip-compressed', 'application/x-zip']);

// "v2.1", "Co. Ltd" and "2024.1" end a name, not a type: an extension is 1-5 letters or digits, one a letter.
const EXTENSION_LIKE = /^(?=.*\p{L})[\p{L}\p{N}]{1,5}$/u;
const KNOWN_EXTENSIONS = new Set([...Object.keys(BY_EXTENSION), ...Object.keys(WRONG_SPREADSHEET), ...Object.keys(WRONG_DOCUMENT), '.zip', '.eml']);
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
  const spreadsheet = WRONG_SPREADSHEET[extension];
  if (spreadsheet) return { role: 'wrong-format', note: spreadsheet };
  const kind = BY_EXTENSION[extension] ?? (inline || extension ? undefined : BY_CONTENT_TYPE[contentType]);
  if (kind) return { role: 'form', kind };
  const document = WRONG_DOCUMENT[extension];
  if (document && FORM_LIKE_NAME.test(filename)) return { role: 'wrong-format', note: document };
  if (extension === '.zip' || (!extension && ZIP_TYPES.has(contentType))) return { role: 'zip' };
  if (contentType === 'message/rfc822' || extension === '.eml') return { role: 'forwarded' };
  if (filename.toLowerCase() === 'winmail.dat' || contentType === 'application/ms-tnef') return { role: 'winmail' };
  if (extension && (BY_CONTENT_TYPE[contentType] || FORM_EXTENSION_INSIDE.test(filename))) return { role: 'wrong-format', note: DISGUISED_NOTE };
  return { role: 'other' };
}
