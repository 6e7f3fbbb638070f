/** What the rules see of a spreadsheet, whatever program wrote it: tabs of cells, values already resolved. */
export interface Cell {
  /** The value as text: shared and rich text joined, formulas replaced by their cached result. */
  text: string;
  /** Set when the stored value was a number (so a lost leading zero or a date serial can be recognised). */
  number: number | null;
  isDate: boolean;
  hyperlink: string | null;
}

export interface Range {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface Sheet {
  name: string;
  rows: Map<number, Map<number, Cell>>;
  merges: Range[];
}

export interface Grid {
  source: 'xlsx' | 'csv';
  /** Every tab in the file, in order; only the input tabs are in `sheets`. */
  sheetNames: string[];
  sheets: Sheet[];
  /** Workbooks saved with the Mac 1904 date system count serial days from 1904. */
  date1904: boolean;
}

export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

export const cellAddress = (row: number, column: number): string => `${columnLetters(column)}${row}`;

/** "B7", "$AB$12" or "b7" to its row and column (1-based); null for anything else. Runs for every cell a workbook stores. */
export function parseAddress(address: string): { row: number; column: number } | null {
  let at = address.charCodeAt(0) === 36 ? 1 : 0; // $
  let column = 0;
  const lettersFrom = at;
  for (; at < address.length; at++) {
    const code = address.charCodeAt(at) & ~32; // a-z as A-Z
    if (code < 65 || code > 90) break;
    column = column * 26 + code - 64;
  }
  const letters = at - lettersFrom;
  if (letters < 1 || letters > 3) return null;
  if (address.charCodeAt(at) === 36) at++;
  let row = 0;
  const digitsFrom = at;
  for (; at < address.length; at++) {
    const code = address.charCodeAt(at);
    if (code < 48 || code > 57) return null;
    row = row * 10 + code - 48;
  }
  const digits = at - digitsFrom;
  return digits < 1 || digits > 7 ? null : { row, column };
}

export function parseRange(ref: string): Range | null {
  const [a, b] = ref.split(':');
  const start = a ? parseAddress(a) : null;
  const end = b ? parseAddress(b) : start;
  if (!start || !end) return null;
  return { top: start.row, left: start.column, bottom: end.row, right: end.column };
}

/** The cell's value, or the value of the merged area it lies in (only the top-left cell of a merge holds it). */
export function cellAt(sheet: Sheet, row: number, column: number): Cell | null {
  const own = sheet.rows.get(row)?.get(column);
  if (own && own.text !== '') return own;
  const merge = sheet.merges.find((m) => row >= m.top && row <= m.bottom && column >= m.left && column <= m.right);
  return merge ? (sheet.rows.get(merge.top)?.get(merge.left) ?? own ?? null) : (own ?? null);
}

export const textAt = (sheet: Sheet, row: number, column: number): string => cellAt(sheet, row, column)?.text.trim() ?? '';

export function textCell(text: string): Cell {
  return { text, number: null, isDate: false, hyperlink: null };
}
