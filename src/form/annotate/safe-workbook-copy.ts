import { zipSync, type Zippable } from 'fflate';
import { cellAddress, parseRange } from '../read/grid.js';
import { readZipEntry, type ZipEntry } from '../read/zip-archive.js';

const MAX_VALIDATION_ROW = 2000;
const MAX_VALIDATION_COLUMN = 52; // AZ

// exceljs expands every validated cell on load: a whole-column list (A1:A1048576) costs minutes and gigabytes,
// so the copy it loads has validation ranges cut at row 2000 and column AZ, further than any form goes.
export function safeWorkbookCopy(zip: Buffer, entries: Map<string, ZipEntry>): Buffer {
  const files: Zippable = {};
  for (const entry of entries.values()) {
    if (entry.name.endsWith('/')) continue;
    let data: Uint8Array = readZipEntry(zip, entry);
    if (/^xl\/worksheets\/[^/]+\.xml$/i.test(entry.name)) data = Buffer.from(clampValidations(Buffer.from(data).toString('utf8')), 'utf8');
    files[entry.name] = data;
  }
  return Buffer.from(zipSync(files, { level: 6 }));
}

export function clampValidations(xml: string): string {
  // Merges are expanded cell by cell too; a sheet-sized one is dropped from the copy rather than expanded.
  const merged = xml.replace(/<(?:\w+:)?mergeCell\b[^>]*?\bref="([^"]*)"[^>]*\/>/g, (whole, ref: string) => {
    const range = parseRange(ref.replace(/\$/g, ''));
    return range && (range.bottom - range.top + 1) * (range.right - range.left + 1) > 10_000 ? '' : whole;
  });
  return merged.replace(
    /(<(?:\w+:)?dataValidation\b[^>]*?\bsqref=")([^"]*)(")/g,
    (_m, open: string, sqref: string, close: string) => open + sqref.split(/\s+/).map(clampRange).filter(Boolean).join(' ') + close,
  );
}

function clampRange(ref: string): string {
  const range = parseRange(ref.replace(/\$/g, ''));
  if (!range) return ref;
  if (range.top > MAX_VALIDATION_ROW || range.left > MAX_VALIDATION_COLUMN) return '';
  const end = cellAddress(Math.min(range.bottom, MAX_VALIDATION_ROW), Math.min(range.right, MAX_VALIDATION_COLUMN));
  const start = cellAddress(range.top, range.left);
  return start === end ? start : `${start}:${end}`;
}
