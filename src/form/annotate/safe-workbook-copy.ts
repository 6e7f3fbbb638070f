import { zipSync, type Zippable } from 'fflate';
import { readZipEntry, type ZipEntry } from '../read/zip-archive.js';

const MAX_VALIDATION_ROW = 2000;

// exceljs expands every validated cell on load: a whole-column list (A1:A1048576) costs minutes and gigabytes,
// so the copy it loads has validation ranges cut at row 2000, further than any form goes.
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
  return xml.replace(/(<(?:\w+:)?dataValidation\b[^>]*?\bsqref=")([^"]*)(")/g, (_m, open: string, sqref: string, close: string) =>
    open + sqref.split(/\s+/).map(clampRange).filter(Boolean).join(' ') + close);
}

function clampRange(ref: string): string {
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(ref.replace(/\$/g, ''));
  if (!m) return ref;
  const top = Number(m[2]);
  if (top > MAX_VALIDATION_ROW) return '';
  if (!m[3]) return ref;
  return `${m[1]}${top}:${m[3]}${Math.min(Number(m[4]), MAX_VALIDATION_ROW)}`;
}
