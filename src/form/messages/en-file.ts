import { LIMITS } from '../form-schema.js';
import type { UnreadableCode } from '../read/read-errors.js';
import type { Message, MessageContext } from './catalogue.js';

const SAVE_AS_XLSX = 'Open it, choose File > Save As, pick "Excel Workbook (.xlsx)" and send us that file.';
const fresh = (c: MessageContext) => `Copy your answers into a fresh form from ${c.formUrl}.`;
const fillIn = (c: MessageContext, attach: string) => `Fill in the Excel form from ${c.formUrl} and attach ${attach}.`;

/** Why a file could not be read at all, one specific and helpful message per reason. */
export const fileMessages: Record<UnreadableCode, (params: Record<string, never>, context: MessageContext) => Message> = {
  FILE_EMPTY: (_, c) => ({
    problem: 'The attached file is empty.',
    suggestion: `Attach the completed form. You can download the form again from ${c.formUrl}.`,
  }),
  FILE_TOO_LARGE: (_, c) => ({
    problem: `The attached file is larger than ${LIMITS.maxFileBytes / 1024 / 1024} MB, which is far more than a registration form needs.`,
    suggestion: fresh(c),
  }),
  FILE_LEGACY_XLS: () => ({ problem: 'The form was saved in the old Excel 97-2003 format (.xls), which we cannot read.', suggestion: SAVE_AS_XLSX }),
  FILE_MACRO_ENABLED: () => ({
    problem: 'The form was saved as a macro-enabled workbook (.xlsm). For security we do not open files that can contain macros.',
    suggestion: SAVE_AS_XLSX,
  }),
  FILE_ODS: () => ({
    problem: 'The form was saved in OpenDocument format (.ods), which we cannot read.',
    suggestion: 'In LibreOffice, choose File > Save As and pick "Excel 2007-365 (.xlsx)", then send us that file.',
  }),
  FILE_NUMBERS: () => ({
    problem: 'The form was saved as an Apple Numbers file, which we cannot read.',
    suggestion: 'In Numbers, choose File > Export To > Excel and send us the .xlsx file.',
  }),
  FILE_ENCRYPTED: () => ({
    problem: 'The form is protected with a password, so we cannot open it.',
    suggestion: 'Remove the password (File > Info > Protect Workbook > Encrypt with Password, and clear it), save, and send it again.',
  }),
  FILE_WORD_DOCUMENT: (_, c) => ({ problem: 'The attached file is a Word document, not the registration spreadsheet.', suggestion: fillIn(c, 'that') }),
  FILE_PDF: (_, c) => ({ problem: 'The attached file is a PDF, not the registration spreadsheet.', suggestion: fillIn(c, 'the spreadsheet itself') }),
  FILE_NOT_SPREADSHEET: (_, c) => ({ problem: 'The attached file is not an Excel workbook or a CSV file.', suggestion: fillIn(c, 'the .xlsx file') }),
  FILE_CORRUPT: (_, c) => ({
    problem: 'The attached file is damaged or incomplete and cannot be opened.',
    suggestion: `Open it in Excel to check it, save it again as .xlsx and resend it. You can download the form again from ${c.formUrl}.`,
  }),
  FILE_ZIP_BOMB: (_, c) => ({
    problem: 'The attached file expands to far more data than a registration form holds, so we did not open it.',
    suggestion: fresh(c),
  }),
  FILE_XML_BOMB: (_, c) => ({ problem: 'The attached file contains XML features that spreadsheets never use, so we did not open it.', suggestion: fresh(c) }),
  FILE_TOO_MANY_ROWS: () => ({ problem: `The form has more than ${LIMITS.maxRows} rows.`, suggestion: 'Remove unused rows and send it again.' }),
  FILE_TIMEOUT: (_, c) => ({ problem: 'The attached file took too long to read.', suggestion: fresh(c) }),
  FILE_CHECK_FAILED: () => ({
    problem: 'The form could not be checked automatically.',
    suggestion: 'There is nothing you need to do: the onboarding team will look at it and reply.',
  }),
  FILE_TOO_COMPLEX: (_, c) => ({ problem: 'The attached file needs more memory to read than a registration form should.', suggestion: fresh(c) }),
};
