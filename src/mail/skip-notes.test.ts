import { describe, expect, it } from 'vitest';
import type { Language } from '../form/messages/catalogue.js';
import { skipNote, type SkipNotice } from './skip-notes.js';

const NONE = {};
const NOTICES: SkipNotice[] = [
  { code: 'WRONG_FORMAT', params: { format: '.xls' } },
  { code: 'WRONG_FORMAT', params: { format: '.xlsm' } },
  { code: 'WRONG_FORMAT', params: { format: '.xlsb' } },
  { code: 'WRONG_FORMAT', params: { format: '.ods' } },
  { code: 'WRONG_FORMAT', params: { format: '.numbers' } },
  { code: 'WRONG_FORMAT', params: { format: '.pdf' } },
  { code: 'WRONG_FORMAT', params: { format: '.docx' } },
  { code: 'WRONG_FORMAT', params: { format: '.doc' } },
  { code: 'WRONG_FORMAT', params: { format: 'disguised' } },
  { code: 'ZIP_WITHOUT_FORM', params: { files: 1 } },
  { code: 'ZIP_WITHOUT_FORM', params: { files: 3 } },
  { code: 'ZIP_TOO_MANY_FILES', params: NONE },
  { code: 'ZIP_TOO_LARGE', params: NONE },
  { code: 'ZIP_ENCRYPTED', params: NONE },
  { code: 'ZIP_UNREADABLE', params: NONE },
  { code: 'ZIP_IN_ZIP', params: NONE },
  { code: 'FORWARDED_UNREADABLE', params: { reason: 'the email has more than 100 attachments' } },
  { code: 'FORWARDED_TOO_DEEP', params: NONE },
  { code: 'WINMAIL', params: NONE },
  { code: 'DUPLICATE', params: NONE },
];
const notes = (language: Language) => NOTICES.map((notice) => skipNote(notice, language));

describe('skipNote', () => {
  it('says in English what the no-form reply has always said', () => {
    const saveAs = 'please save it as an Excel Workbook (.xlsx) or CSV (.csv) and send it again';
    expect(notes('en')).toEqual([
      `.xls is the old Excel format: ${saveAs}`,
      `.xlsm is a macro-enabled workbook, which is not accepted: ${saveAs}`,
      `.xlsb is Excel's binary format: ${saveAs}`,
      `.ods is an OpenDocument spreadsheet: ${saveAs}`,
      `.numbers is an Apple Numbers file: ${saveAs}`,
      'a PDF of the form cannot be read: please send the spreadsheet itself (.xlsx or .csv)',
      'a Word copy of the form cannot be read: please send the spreadsheet itself (.xlsx or .csv)',
      'a Word copy of the form cannot be read: please send the spreadsheet itself (.xlsx or .csv)',
      'an attachment that looks like a spreadsheet has a name ending in something other than .xlsx or .csv, so it was not opened: please attach the form saved as .xlsx or .csv',
      'a .zip with 1 file, none a form (.xlsx or .csv)',
      'a .zip with 3 files, none a form (.xlsx or .csv)',
      'the .zip holds too many files to open: please attach the form itself',
      'the .zip is too large when unpacked: please attach the form itself',
      'the .zip is password-protected: please attach the form itself',
      'the .zip could not be opened: please attach the form itself',
      'a .zip inside a .zip is not opened: please attach the form itself',
      'a forwarded email could not be read (the email has more than 100 attachments)',
      'forms in emails forwarded several times over are not read: please attach the form itself',
      'Outlook sent the attachments in its own format (winmail.dat): please send the form again as an ordinary attachment',
      'the same form was attached more than once and was read once',
    ]);
  });

  it('has a Welsh note of its own for every English one, with no English left in it', () => {
    const english = notes('en');
    const welsh = notes('cy');
    welsh.forEach((note, i) => expect(note).not.toBe(english[i]));
    expect(welsh.join(' ')).not.toMatch(/\b(please|the|is|form|attach)\b/i);
    expect(skipNote({ code: 'ZIP_WITHOUT_FORM', params: { files: 3 } }, 'cy')).toBe('.zip gyda 3 ffeil, a dim un ohonynt yn ffurflen (.xlsx neu .csv)');
  });
});
