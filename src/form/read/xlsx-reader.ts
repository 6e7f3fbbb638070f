import type { Grid, Sheet } from './grid.js';
import { UnreadableFileError } from './read-errors.js';
import { listZipEntries, readZipText, type ZipEntry } from './zip-archive.js';
import { parseDateStyles, parseRelationships, parseSharedStrings, parseWorkbook, relsPathOf, resolvePartPath } from './xlsx-parts.js';
import { parseSheet } from './xlsx-sheet.js';

/** Which tabs to read in full, chosen from all tab names; the others are listed but not parsed. */
export type SheetSelector = (names: string[]) => string[];

/** Reads the package part by part: no formula is evaluated and only the tabs the form needs are parsed. */
export function readXlsx(zip: Buffer, select: SheetSelector, entries: Map<string, ZipEntry> = listZipEntries(zip)): Grid {
  const rootRels = parseRelationships(readZipText(zip, entries, '_rels/.rels'));
  const officeDocument = rootRels.find((r) => r.type.endsWith('/officeDocument'));
  const workbookPath = officeDocument ? resolvePartPath('', officeDocument.target) : 'xl/workbook.xml';
  const workbookXml = readZipText(zip, entries, workbookPath);
  if (!workbookXml) throw new UnreadableFileError('FILE_CORRUPT', 'no workbook part');
  const workbook = parseWorkbook(workbookXml);
  const rels = parseRelationships(readZipText(zip, entries, relsPathOf(workbookPath)));
  const partOf = (suffix: string): string | null => {
    const rel = rels.find((r) => r.type.endsWith(suffix));
    return rel ? resolvePartPath(workbookPath, rel.target) : null;
  };
  const read = (path: string | null): string | null => (path ? readZipText(zip, entries, path) : null);
  const sharedStrings = parseSharedStrings(read(partOf('/sharedStrings')));
  const dateStyles = parseDateStyles(read(partOf('/styles')));

  const sheetNames = workbook.sheets.map((s) => s.name);
  const wanted = new Set(select(sheetNames));
  const sheets: Sheet[] = [];
  for (const ref of workbook.sheets) {
    if (!wanted.has(ref.name)) continue;
    const rel = rels.find((r) => r.id === ref.relId);
    const path = rel ? resolvePartPath(workbookPath, rel.target) : null;
    const xml = read(path);
    if (!path || xml === null) throw new UnreadableFileError('FILE_CORRUPT', `tab ${ref.name} has no data part`);
    const links = new Map(
      parseRelationships(read(relsPathOf(path)))
        .filter((r) => r.type.endsWith('/hyperlink'))
        .map((r) => [r.id, r.target]),
    );
    sheets.push(parseSheet(ref.name, xml, { sharedStrings, dateStyles, links }));
  }
  return { source: 'xlsx', sheets, date1904: workbook.date1904, sheetNames };
}
