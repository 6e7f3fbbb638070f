import type { Language } from '../messages/catalogue.js';
import { parseRelationships, parseWorkbook, resolvePartPath } from '../read/xlsx-parts.js';
import type { ZipEntry } from '../read/zip-archive.js';
import type { CellMark } from './cell-marks.js';
import { CONTENT_TYPES, declarePart } from './content-types.js';
import { PackageParts } from './package-parts.js';
import { addProblemsTab, type WorkbookInfo } from './problems-tab.js';
import type { ShownFinding } from './shown-finding.js';
import { restyleCells } from './sheet-cells.js';
import { addNotes } from './sheet-notes.js';
import { MINIMAL_STYLES, StyleSheet } from './style-sheet.js';
import { applyEdits } from './xml-tags.js';

const TRANSITIONAL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/**
 * Marks cells in the firm's own xlsx by editing its XML parts in place: a new format per marked cell's
 * original one, notes added beside the firm's, and a problems tab. Every other part and attribute is
 * written back as it was, so nothing the firm made (validations, widths, formats, tabs) is lost.
 * `marksFor` receives the workbook's tab names and returns the marks for each, by name.
 */
export function markWorkbook(
  zip: Buffer,
  entries: Map<string, ZipEntry>,
  marksFor: (tabNames: string[]) => Map<string, CellMark[]>,
  findings: readonly ShownFinding[],
  language: Language,
): Uint8Array {
  const parts = new PackageParts(zip, entries);
  const workbook = findWorkbook(parts);
  const { sheets } = parseWorkbook(parts.xml(workbook.part) ?? '');
  const rels = parts.relationships(workbook.part);
  const stylesPart = stylesOf(parts, workbook);
  const styles = new StyleSheet(parts.xml(stylesPart) ?? MINIMAL_STYLES);
  for (const [name, marks] of marksFor(sheets.map((s) => s.name))) {
    const rel = rels.find((r) => r.id === sheets.find((s) => s.name === name)?.relId);
    const part = rel?.type.endsWith('/worksheet') ? parts.target(workbook.part, rel) : null;
    const xml = part ? parts.xml(part) : null;
    if (!part || !xml || marks.length === 0) continue;
    const cellEdits = restyleCells(xml, marks, (original, mark) => styles.withFill(original, mark.argb));
    const noteEdits = addNotes(parts, part, xml, marks, workbook.relationshipBase);
    parts.set(part, applyEdits(xml, [...cellEdits, ...noteEdits]));
  }
  addProblemsTab(parts, workbook, findings, styles, language);
  parts.set(stylesPart, styles.toXml());
  return parts.toZip();
}

function findWorkbook(parts: PackageParts): WorkbookInfo {
  const office = parseRelationships(parts.xml('_rels/.rels')).find((r) => r.type.endsWith('/officeDocument'));
  const part = parts.find(office ? resolvePartPath('', office.target) : 'xl/workbook.xml');
  if (!part) throw new Error('no workbook part');
  // Strict OOXML names relationship types in another namespace; new ones must use the package's own.
  const sheetRel = parts.relationships(part).find((r) => r.type.endsWith('/worksheet'));
  return { part, relationshipBase: sheetRel ? sheetRel.type.slice(0, -'/worksheet'.length) : TRANSITIONAL };
}

function stylesOf(parts: PackageParts, workbook: WorkbookInfo): string {
  const existing = parts.target(
    workbook.part,
    parts.relationships(workbook.part).find((r) => r.type.endsWith('/styles')),
  );
  if (existing) return existing;
  const part = parts.freeName('xl/styles', '.xml');
  parts.set(part, MINIMAL_STYLES);
  declarePart(parts, part, CONTENT_TYPES.styles);
  parts.relate(workbook.part, `${workbook.relationshipBase}/styles`, part);
  return part;
}
