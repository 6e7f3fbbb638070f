import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { safeWorkbookCopy } from '../annotate/safe-workbook-copy.js';
import { checkForm } from '../check-form.js';
import { fromSerial, isoString } from '../values/form-date.js';
import type { Cell, Grid } from './grid.js';
import { readXlsx } from './xlsx-reader.js';
import { listZipEntries } from './zip-archive.js';

const FOLDER = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'forms', 'real-world');
const FILES = readdirSync(FOLDER).filter((name) => name.endsWith('.xlsx'));
const BROKEN = new Set(['invalid-xml.xlsx']); // one of its sheets is not well-formed XML

/** What exceljs makes of a cell, reduced to what the form reader reports. */
function expected(value: ExcelJS.CellValue): string | Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value !== 'object')
    return value instanceof Date ? value : String(value === true ? 'TRUE' : value === false ? 'FALSE' : value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return expected((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('hyperlink' in value) return expected(value.text as ExcelJS.CellValue);
  return null; // errors (#N/A) hold no answer
}

function sameValue(mine: Cell | undefined, theirs: string | Date, grid: Grid): boolean {
  if (!(theirs instanceof Date)) return mine?.number !== null && mine?.number !== undefined ? mine.number === Number(theirs) : mine?.text === theirs;
  if (!mine?.isDate || mine.number === null) return false;
  const date = fromSerial(mine.number, grid.date1904);
  return date ? isoString(date) === theirs.toISOString().slice(0, 10) : mine.number < 1; // a time of day only
}

describe('workbooks saved by Excel, LibreOffice and Google Sheets', () => {
  it.each(FILES)('%s: never fails, and is told apart from a registration form', (name) => {
    const result = checkForm({ filename: name, content: readFileSync(join(FOLDER, name)) }, new Date());
    expect(result.readable).toBe(true);
    expect(result.findings.map((f) => f.code)).toEqual(['FORM_NOT_RECOGNISED']);
  });

  it.each(FILES.filter((name) => !BROKEN.has(name)))('%s: every cell reads as exceljs reads it', async (name) => {
    const content = readFileSync(join(FOLDER, name));
    const grid = readXlsx(content, (names) => names);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(safeWorkbookCopy(content, listZipEntries(content)) as unknown as ExcelJS.Buffer);
    const differences: string[] = [];
    for (const worksheet of book.worksheets) {
      const sheet = grid.sheets.find((s) => s.name === worksheet.name);
      worksheet.eachRow((row, r) =>
        row.eachCell((cell, c) => {
          const theirs = cell.isMerged && cell.master !== cell ? null : expected(cell.value);
          if (theirs !== null && theirs !== '' && !sameValue(sheet?.rows.get(r)?.get(c), theirs, grid)) differences.push(`${worksheet.name}!${cell.address}`);
        }),
      );
    }
    expect(differences).toEqual([]);
  });
});
