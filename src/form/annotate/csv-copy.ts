import ExcelJS from 'exceljs';
import type { Language } from '../messages/catalogue.js';
import { readCsv } from '../read/csv-reader.js';
import { cellMarks } from './cell-marks.js';
import { problemColumns } from './problems-sheet.js';
import { COPY_WORDS, type ShownFinding } from './shown-finding.js';

/**
 * A CSV has no styling to keep, so its annotated copy is a new workbook (made by exceljs) holding its rows
 * at the same cell positions, the marks, and the problems tab.
 */
export async function csvCopy(content: Buffer, findings: readonly ShownFinding[], language: Language = 'en'): Promise<Uint8Array> {
  const { csvTab: CSV_TAB, problemsTab } = COPY_WORDS[language];
  const columns = problemColumns(language);
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(CSV_TAB);
  sheet.columns = [{ width: 36 }, { width: 36 }, { width: 36 }, { width: 30 }, { width: 30 }, { width: 30 }];
  for (const source of readCsv(content).sheets) {
    for (const [row, cells] of source.rows) {
      // Plain strings only: nothing the sender wrote becomes a formula in the copy we send back.
      for (const [column, cell] of cells) sheet.getCell(row, column).value = cell.text;
    }
  }
  for (const mark of cellMarks(findings, () => CSV_TAB).get(CSV_TAB) ?? []) {
    const cell = sheet.getCell(mark.row, mark.column);
    // A fresh style object per cell: exceljs shares one among cells of the same style, so setting a fill paints them all.
    cell.style = { ...cell.style, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: mark.argb } } };
    cell.note = mark.text;
  }
  const problems = book.addWorksheet(problemsTab, { properties: { tabColor: { argb: 'FFC00000' } } });
  problems.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  problems.getRow(1).font = { bold: true };
  for (const f of findings) problems.addRow(columns.map((c) => c.value(f)));
  book.views = [{ x: 0, y: 0, width: 20000, height: 15000, firstSheet: 0, activeTab: 1, visibility: 'visible' }];
  return new Uint8Array(await book.xlsx.writeBuffer());
}
