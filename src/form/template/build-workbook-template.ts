import ExcelJS from 'exceljs';
import { loadCourts } from '../../courts/court-list.js';
import { FORM_VERSION, LAYOUT, ORGANISATION_TYPES, ROLES, type FieldSpec } from '../form-schema.js';
import type { Language } from '../messages/catalogue.js';
import { formWords, type FormWords } from './form-words.js';

const INPUT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
const HEADING_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const THIN = { style: 'thin' as const, color: { argb: 'FFBFBFBF' } };
// Text format keeps the leading 0 of phone numbers and stops Excel turning numbers into dates.
const TEXT_FORMAT = '@';
/** Where each drop-down takes its values from on the hidden lists tab. */
function listRanges(courtCount: number, words: FormWords) {
  const lists = `'${words.tabs.lists}'`;
  return {
    organisationType: `${lists}!$A$2:$A$${ORGANISATION_TYPES.length + 1}`,
    role: `${lists}!$B$2:$B$${ROLES.length + 1}`,
    court: `${lists}!$C$2:$C$${courtCount + 1}`,
    error: words.chooseFromList,
  };
}

function dropDown(ranges: ReturnType<typeof listRanges>, list: 'organisationType' | 'role' | 'court', strict: boolean): ExcelJS.DataValidation {
  // Courts and roles may be typed too (e.g. two roles in one cell); the checker matches them then.
  return { type: 'list', allowBlank: true, formulae: [ranges[list]], showErrorMessage: strict, errorStyle: strict ? 'stop' : 'warning', error: ranges.error };
}

function titleRows(sheet: ExcelJS.Worksheet, title: string, guidance: string, words: FormWords): void {
  sheet.getCell(LAYOUT.titleRow, 1).value = title;
  sheet.getCell(LAYOUT.titleRow, 1).font = { bold: true, size: 14 };
  sheet.getCell(LAYOUT.versionRow, 1).value = words.versionLabel;
  sheet.getCell(LAYOUT.versionRow, 2).value = FORM_VERSION;
  sheet.getCell(LAYOUT.versionRow, 2).numFmt = TEXT_FORMAT;
  sheet.getCell(LAYOUT.guidanceRow, 1).value = guidance;
  sheet.getCell(LAYOUT.guidanceRow, 1).font = { italic: true };
}

function inputCell(cell: ExcelJS.Cell, field: FieldSpec): void {
  cell.protection = { locked: false };
  cell.fill = INPUT_FILL;
  cell.border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
  cell.numFmt = field.kind === 'date' ? 'dd/mm/yyyy' : TEXT_FORMAT;
}

function organisationSheet(book: ExcelJS.Workbook, ranges: ReturnType<typeof listRanges>, words: FormWords): void {
  const sheet = book.addWorksheet(words.tabs.organisation);
  sheet.columns = [{ width: 42 }, { width: 48 }, { width: 80 }];
  titleRows(sheet, words.tabs.organisation, words.organisationGuidance, words);
  words.headers.forEach((heading, i) => {
    const cell = sheet.getCell(LAYOUT.headerRow, i + 1);
    cell.value = heading;
    cell.font = { bold: true };
  });
  words.rows.forEach((row, i) => {
    const r = LAYOUT.firstBodyRow + i;
    if (!('key' in row)) {
      sheet.getCell(r, 1).value = row.heading;
      sheet.getCell(r, 1).font = { bold: true };
      for (let c = 1; c <= 3; c++) sheet.getCell(r, c).fill = HEADING_FILL;
      return;
    }
    sheet.getCell(r, 1).value = row.shownLabel + (row.required ? ' *' : '');
    sheet.getCell(r, 3).value = row.shownHelp;
    const answer = sheet.getCell(r, LAYOUT.organisation.answerColumn);
    inputCell(answer, row);
    if (row.kind === 'organisation-type') answer.dataValidation = dropDown(ranges, 'organisationType', true);
    if (row.kind === 'court') answer.dataValidation = dropDown(ranges, 'court', false);
    if (row.kind === 'date')
      answer.dataValidation = {
        type: 'date',
        operator: 'greaterThan',
        formulae: [new Date(Date.UTC(2020, 0, 1))],
        showErrorMessage: true,
        error: words.enterDate,
      };
  });
  sheet.views = [{ state: 'frozen', ySplit: LAYOUT.headerRow }];
}

function userSheet(book: ExcelJS.Workbook, ranges: ReturnType<typeof listRanges>, words: FormWords): void {
  const sheet = book.addWorksheet(words.tabs.users);
  sheet.columns = words.columns.map((c) => ({ width: c.kind === 'email' ? 36 : 26 }));
  titleRows(sheet, words.tabs.users, words.userGuidance, words);
  words.columns.forEach((column, i) => {
    const cell = sheet.getCell(LAYOUT.headerRow, i + 1);
    cell.value = column.shownLabel + (column.required ? ' *' : '');
    cell.font = { bold: true };
    if (column.shownHelp) cell.note = column.shownHelp;
  });
  for (let r = LAYOUT.firstBodyRow; r < LAYOUT.firstBodyRow + LAYOUT.templateUserRows; r++) {
    words.columns.forEach((column, i) => {
      const cell = sheet.getCell(r, i + 1);
      inputCell(cell, column);
      if (column.key === 'role' || column.key === 'otherRoles') cell.dataValidation = dropDown(ranges, 'role', false);
    });
  }
  sheet.views = [{ state: 'frozen', ySplit: LAYOUT.headerRow }];
}

function textSheet(book: ExcelJS.Workbook, name: string, lines: string[]): void {
  const sheet = book.addWorksheet(name);
  sheet.getColumn(1).width = 140;
  lines.forEach((line, i) => (sheet.getCell(i + 1, 1).value = line));
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
}

/** The Excel template in one language: instructions, the two input tabs, terms, and the office-use tabs. */
export async function buildWorkbookTemplate(language: Language = 'en'): Promise<Buffer> {
  const words = formWords(language);
  const book = new ExcelJS.Workbook();
  // Fixed dates keep the regenerated template identical in content from one run to the next.
  book.created = book.modified = new Date(Date.UTC(2026, 0, 1));
  book.creator = 'HMCTS Common Platform onboarding';
  const courts = loadCourts();
  const ranges = listRanges(courts.length, words);
  textSheet(book, words.tabs.instructions, words.instructions);
  organisationSheet(book, ranges, words);
  userSheet(book, ranges, words);
  textSheet(book, words.tabs.terms, words.terms);
  const office = book.addWorksheet(words.tabs.officeUse);
  office.getColumn(1).width = 30;
  office.getColumn(2).width = 50;
  office.getCell(1, 1).value = words.officeTitle;
  words.officeFields.forEach((label, i) => (office.getCell(i + 3, 1).value = label));
  const lists = book.addWorksheet(words.tabs.lists, { state: 'hidden' });
  lists.getRow(1).values = words.listHeaders;
  words.typeLabels.forEach((label, i) => (lists.getCell(i + 2, 1).value = label));
  words.roleLabels.forEach((label, i) => (lists.getCell(i + 2, 2).value = label));
  courts.forEach((c, i) => (lists.getCell(i + 2, 3).value = c.name));
  for (const sheet of book.worksheets) {
    if (sheet.name !== words.tabs.officeUse)
      await sheet.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
