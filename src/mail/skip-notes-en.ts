import type { WrongFormat } from './forms.js';
import type { SkipNoteTable } from './skip-notes.js';

const SAVE_AS = 'please save it as an Excel Workbook (.xlsx) or CSV (.csv) and send it again';
const ATTACH_FORM = 'please attach the form itself';
const SEND_SPREADSHEET = 'please send the spreadsheet itself (.xlsx or .csv)';

const WRONG_FORMAT: Record<WrongFormat, string> = {
  '.xls': `.xls is the old Excel format: ${SAVE_AS}`,
  '.xlsm': `.xlsm is a macro-enabled workbook, which is not accepted: ${SAVE_AS}`,
  '.xlsb': `.xlsb is Excel's binary format: ${SAVE_AS}`,
  '.ods': `.ods is an OpenDocument spreadsheet: ${SAVE_AS}`,
  '.numbers': `.numbers is an Apple Numbers file: ${SAVE_AS}`,
  '.pdf': `a PDF of the form cannot be read: ${SEND_SPREADSHEET}`,
  '.docx': `a Word copy of the form cannot be read: ${SEND_SPREADSHEET}`,
  '.doc': `a Word copy of the form cannot be read: ${SEND_SPREADSHEET}`,
  disguised:
    'an attachment that looks like a spreadsheet has a name ending in something other than .xlsx or .csv, so it was not opened: please attach the form saved as .xlsx or .csv',
};

/** Notes on attached files that were not read as a form, for the no-form reply. */
export const englishSkipNotes: SkipNoteTable = {
  WRONG_FORMAT: ({ format }) => WRONG_FORMAT[format],
  ZIP_WITHOUT_FORM: ({ files }) => `a .zip with ${files} file${files === 1 ? '' : 's'}, none a form (.xlsx or .csv)`,
  ZIP_TOO_MANY_FILES: () => `the .zip holds too many files to open: ${ATTACH_FORM}`,
  ZIP_TOO_LARGE: () => `the .zip is too large when unpacked: ${ATTACH_FORM}`,
  ZIP_ENCRYPTED: () => `the .zip is password-protected: ${ATTACH_FORM}`,
  ZIP_UNREADABLE: () => `the .zip could not be opened: ${ATTACH_FORM}`,
  ZIP_IN_ZIP: () => `a .zip inside a .zip is not opened: ${ATTACH_FORM}`,
  FORWARDED_UNREADABLE: ({ reason }) => `a forwarded email could not be read (${reason})`,
  FORWARDED_TOO_DEEP: () => `forms in emails forwarded several times over are not read: ${ATTACH_FORM}`,
  WINMAIL: () => 'Outlook sent the attachments in its own format (winmail.dat): please send the form again as an ordinary attachment',
  DUPLICATE: () => 'the same form was attached more than once and was read once',
};
