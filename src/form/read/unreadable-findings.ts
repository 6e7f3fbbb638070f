import { makeFinding, NOWHERE, type Finding } from '../findings.js';
import { FORM_DOWNLOAD_PATH, LIMITS } from '../form-schema.js';
import type { UnreadableCode } from './read-errors.js';

const SAVE_AS_XLSX = 'Open it, choose File > Save As, pick "Excel Workbook (.xlsx)" and send us that file.';
const CURRENT = `You can download the form again from ${FORM_DOWNLOAD_PATH}.`;

const TEXT: Record<UnreadableCode, [problem: string, suggestion: string]> = {
  FILE_EMPTY: ['The attached file is empty.', `Attach the completed form. ${CURRENT}`],
  FILE_TOO_LARGE: [`The attached file is larger than ${LIMITS.maxFileBytes / 1024 / 1024} MB, which is far more than a registration form needs.`, `Copy your answers into a fresh form from ${FORM_DOWNLOAD_PATH}.`],
  FILE_LEGACY_XLS: ['The form was saved in the old Excel 97-2003 format (.xls), which we cannot read.', SAVE_AS_XLSX],
  FILE_MACRO_ENABLED: ['The form was saved as a macro-enabled workbook (.xlsm). For security we do not open files that can contain macros.', SAVE_AS_XLSX],
  FILE_ODS: ['The form was saved in OpenDocument format (.ods), which we cannot read.', 'In LibreOffice, choose File > Save As and pick "Excel 2007-365 (.xlsx)", then send us that file.'],
  FILE_NUMBERS: ['The form was saved as an Apple Numbers file, which we cannot read.', 'In Numbers, choose File > Export To > Excel and send us the .xlsx file.'],
  FILE_ENCRYPTED: ['The form is protected with a password, so we cannot open it.', 'Remove the password (File > Info > Protect Workbook > Encrypt with Password, and clear it), save, and send it again.'],
  FILE_WORD_DOCUMENT: ['The attached file is a Word document, not the registration spreadsheet.', `Fill in the Excel form from ${FORM_DOWNLOAD_PATH} and attach that.`],
  FILE_PDF: ['The attached file is a PDF, not the registration spreadsheet.', `Fill in the Excel form from ${FORM_DOWNLOAD_PATH} and attach the spreadsheet itself.`],
  FILE_NOT_SPREADSHEET: ['The attached file is not an Excel workbook or a CSV file.', `Fill in the Excel form from ${FORM_DOWNLOAD_PATH} and attach the .xlsx file.`],
  FILE_CORRUPT: ['The attached file is damaged or incomplete and cannot be opened.', `Open it in Excel to check it, save it again as .xlsx and resend it. ${CURRENT}`],
  FILE_ZIP_BOMB: ['The attached file expands to far more data than a registration form holds, so we did not open it.', `Copy your answers into a fresh form from ${FORM_DOWNLOAD_PATH}.`],
  FILE_XML_BOMB: ['The attached file contains XML features that spreadsheets never use, so we did not open it.', `Copy your answers into a fresh form from ${FORM_DOWNLOAD_PATH}.`],
  FILE_TOO_MANY_ROWS: [`The form has more than ${LIMITS.maxRows} rows.`, 'Remove unused rows and send it again.'],
  FILE_TIMEOUT: ['The attached file took too long to read.', `Copy your answers into a fresh form from ${FORM_DOWNLOAD_PATH}.`],
  FILE_CHECK_FAILED: ['The form could not be checked automatically.', 'There is nothing you need to do: the onboarding team will look at it and reply.'],
  FILE_TOO_COMPLEX: ['The attached file needs more memory to read than a registration form should.', `Copy your answers into a fresh form from ${FORM_DOWNLOAD_PATH}.`],
};

/** One specific, helpful finding for a file that could not be read at all. */
export function unreadableFinding(code: UnreadableCode): Finding {
  const [problem, suggestion] = TEXT[code];
  return makeFinding('error', code, NOWHERE, problem, suggestion);
}
