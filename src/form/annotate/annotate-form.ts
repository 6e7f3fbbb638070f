import ExcelJS from 'exceljs';
import type { Finding } from '../findings.js';
import type { FormInput } from '../check-form.js';
import { readCsv } from '../read/csv-reader.js';
import { sniff } from '../read/sniff.js';
import { identifyTabs } from '../tab-names.js';
import { TABS } from '../form-schema.js';
import { safeWorkbookCopy } from './safe-workbook-copy.js';

const PROBLEM_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const WARNING_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFEB9C' } };
export const PROBLEMS_TAB = 'Problems to fix';

/**
 * The sender's own file with each problem cell highlighted and a comment saying what to fix, plus a tab
 * listing every problem. A CSV becomes a workbook holding its rows at the same cell positions.
 */
export async function annotate(input: FormInput, findings: Finding[]): Promise<{ filename: string; content: Uint8Array } | null> {
  if (!findings.some((f) => f.tab && f.cell)) return null;
  let book: ExcelJS.Workbook;
  let sheetFor: (tab: string) => ExcelJS.Worksheet | undefined;
  try {
    const kind = sniff(input.filename, input.content);
    book = new ExcelJS.Workbook();
    if (kind.kind === 'csv') {
      const sheet = csvSheet(book, input.content);
      sheetFor = () => sheet;
    } else {
      await book.xlsx.load(safeWorkbookCopy(input.content, kind.entries) as unknown as ExcelJS.Buffer);
      const tabs = identifyTabs(book.worksheets.map((w) => w.name));
      sheetFor = (tab) => {
        const name = tab === TABS.organisation || tab === TABS.users ? tabs[tab] : null;
        return name ? book.getWorksheet(name) : undefined;
      };
    }
  } catch {
    return null; // nothing sensible to annotate in a file we cannot open
  }
  markCells(findings, sheetFor);
  problemsTab(book, findings);
  const content = new Uint8Array(await book.xlsx.writeBuffer());
  const base = input.filename.replace(/\.[^.]*$/, '').replace(/[^\w\- .()]/g, '_').slice(0, 80) || 'registration';
  return { filename: `${base} - corrections needed.xlsx`, content };
}

function csvSheet(book: ExcelJS.Workbook, content: Buffer): ExcelJS.Worksheet {
  const sheet = book.addWorksheet('Registration form (CSV)');
  sheet.columns = [{ width: 36 }, { width: 36 }, { width: 36 }, { width: 30 }, { width: 30 }, { width: 30 }];
  for (const source of readCsv(content).sheets) {
    for (const [row, cells] of source.rows) {
      // Plain strings only: nothing the sender wrote becomes a formula in the copy we send back.
      for (const [column, cell] of cells) sheet.getCell(row, column).value = cell.text;
    }
  }
  return sheet;
}

function markCells(findings: Finding[], sheetFor: (tab: string) => ExcelJS.Worksheet | undefined): void {
  const notes = new Map<ExcelJS.Cell, { lines: string[]; error: boolean }>();
  for (const finding of findings) {
    if (!finding.tab || !finding.cell) continue;
    const sheet = sheetFor(finding.tab);
    if (!sheet) continue;
    const cell = sheet.getCell(finding.cell);
    const note = notes.get(cell) ?? { lines: [], error: false };
    note.lines.push([finding.message, finding.suggestion].filter(Boolean).join(' '));
    note.error ||= finding.severity === 'error';
    notes.set(cell, note);
  }
  for (const [cell, note] of notes) {
    cell.fill = note.error ? PROBLEM_FILL : WARNING_FILL;
    cell.note = note.lines.join('\n\n');
  }
}

function problemsTab(book: ExcelJS.Workbook, findings: Finding[]): void {
  const existing = book.getWorksheet(PROBLEMS_TAB);
  if (existing) book.removeWorksheet(existing.id);
  const sheet = book.addWorksheet(PROBLEMS_TAB, { properties: { tabColor: { argb: 'FFC00000' } } });
  sheet.columns = [
    { header: 'Tab', width: 28 }, { header: 'Cell', width: 8 }, { header: 'Field', width: 30 },
    { header: 'What to fix', width: 90 }, { header: 'How', width: 60 }, { header: 'Severity', width: 10 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const f of findings) sheet.addRow([f.tab ?? '', f.cell ?? '', f.field ?? '', f.message, f.suggestion ?? '', f.severity]);
  book.views = [{ x: 0, y: 0, width: 20000, height: 15000, firstSheet: 0, activeTab: book.worksheets.length - 1, visibility: 'visible' }];
}
