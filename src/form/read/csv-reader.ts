import { parse } from 'csv-parse/sync';
import { LIMITS, TABS, type InputTab } from '../form-schema.js';
import { tabScore } from '../tab-names.js';
import { normaliseKey } from '../text.js';
import type { Cell, Grid, Sheet } from './grid.js';
import { textCell } from './grid.js';
import { utf16Order } from './sniff.js';

/** UTF-8 (with or without BOM), UTF-16 either way round, else Windows-1252 as Excel on Windows saves it. */
export function decodeText(content: Buffer): string {
  if (content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf) return content.subarray(3).toString('utf8');
  const order = utf16Order(content.subarray(0, 8192));
  if (order) {
    const start = content[0] === 0xff || content[0] === 0xfe ? 2 : 0;
    const body = content.subarray(start, content.length - ((content.length - start) % 2)); // whole code units only
    return new TextDecoder('utf-16le').decode(order === 'le' ? body : Buffer.from(body).swap16());
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return decodeWindows1252(content);
  }
}

// Node's TextDecoder treats windows-1252 as Latin-1, turning 0x80-0x9F (curly quotes, dashes, €) into
// control characters, so those 32 bytes are mapped by hand (undefined positions stay as they are).
const CP1252_HIGH = '€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8DŽ\x8F\x90‘’“”•–—˜™š›œ\x9DžŸ';

export function decodeWindows1252(content: Buffer): string {
  let text = '';
  for (const byte of content) text += byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
  return text;
}

/** Excel's "sep=;" first line wins; otherwise whichever of , ; or tab splits the first lines most. */
export function detectDelimiter(text: string): { delimiter: string; skipFirstLine: boolean } {
  const sep = /^sep=(.)\r?\n/i.exec(text);
  if (sep?.[1]) return { delimiter: sep[1], skipFirstLine: true };
  const sample = text.slice(0, 8192).replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((d) => ({ d, n: sample.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return { delimiter: counts[0] && counts[0].n > 0 ? counts[0].d : ',', skipFirstLine: false };
}

function parseRows(text: string, delimiter: string): string[][] {
  const options = { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, to_line: LIMITS.maxRows + 10 };
  try {
    return parse(text, options) as string[][];
  } catch {
    // An unbalanced quote should cost one cell, not the whole form: read again treating quotes as text.
    return parse(text, { ...options, quote: false }) as string[][];
  }
}

/** One section per input tab, each after a line holding the tab's name; cells keep their file positions. */
export function readCsv(content: Buffer): Grid {
  const text = decodeText(content);
  const { delimiter, skipFirstLine } = detectDelimiter(text);
  const rows = parseRows(skipFirstLine ? text.replace(/^[^\n]*\n/, '') : text, delimiter);
  const offset = skipFirstLine ? 1 : 0;
  const sheets: Sheet[] = [];
  let current: Sheet | null = null;
  rows.forEach((values, index) => {
    const rowNumber = index + 1 + offset;
    const filled = values.map((v) => v.trim()).filter(Boolean);
    const title = filled.length === 1 && filled[0] ? sectionOf(filled[0]) : null;
    if (title) sheets.push((current = { name: filled[0] ?? title, rows: new Map(), merges: [] }));
    if (!current) sheets.push((current = { name: '', rows: new Map(), merges: [] }));
    const cells = new Map<number, Cell>();
    values.slice(0, LIMITS.maxColumns).forEach((value, column) => {
      if (value !== '') cells.set(column + 1, textCell(value.slice(0, LIMITS.maxCellChars)));
    });
    if (cells.size > 0) current.rows.set(rowNumber, cells);
  });
  return { source: 'csv', sheetNames: sheets.map((s) => s.name), sheets, date1904: false };
}

function sectionOf(value: string): InputTab | null {
  // A label left without an answer is also a lone cell; only a tab title mentions details or input.
  if (!/\b(details?|input|manylion)\b/.test(normaliseKey(value))) return null;
  for (const tab of [TABS.organisation, TABS.users] as const) if (tabScore(value, tab) >= 0.9) return tab;
  return null;
}
