import type { Language } from '../messages/catalogue.js';
import { parseWorkbook } from '../read/xlsx-parts.js';
import { CONTENT_TYPES, declarePart } from './content-types.js';
import type { PackageParts } from './package-parts.js';
import { PROBLEMS_TAB_NAMES, problemsSheetXml } from './problems-sheet.js';
import { COPY_WORDS, type ShownFinding } from './shown-finding.js';
import type { StyleSheet } from './style-sheet.js';
import { appendChildren, applyEdits, escapeXml, findElement, getAttribute, qualified, relationshipId, setAttribute, tagText, type Edit } from './xml-tags.js';

export interface WorkbookInfo {
  part: string;
  relationshipBase: string;
}

/**
 * Adds the "Problems to fix" tab after the firm's own tabs and opens the workbook on it. A copy that
 * already has one (a corrected form sent back with it) gets it rewritten in place.
 */
export function addProblemsTab(parts: PackageParts, workbook: WorkbookInfo, findings: readonly ShownFinding[], styles: StyleSheet, language: Language): void {
  const xml = parts.xml(workbook.part) ?? '';
  const root = findElement(xml, 'workbook');
  const sheetsElement = findElement(xml, 'sheets');
  if (!root || !sheetsElement) throw new Error('workbook without sheets');
  const rootTag = tagText(xml, root.open);
  const mainNs = getAttribute(rootTag, root.open.prefix ? `xmlns:${root.open.prefix}` : 'xmlns') ?? 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const sheetXml = problemsSheetXml(findings, styles.bold(), mainNs, language);
  const { sheets } = parseWorkbook(xml);
  const rels = parts.relationships(workbook.part);
  let index = sheets.findIndex((s) => PROBLEMS_TAB_NAMES.some((name) => s.name.toLowerCase() === name.toLowerCase()));
  const edits: Edit[] = [];
  const existing =
    index >= 0
      ? parts.target(
          workbook.part,
          rels.find((r) => r.id === sheets[index]?.relId),
        )
      : null;
  if (existing) {
    parts.set(existing, sheetXml);
  } else {
    index = sheets.length;
    const part = parts.freeName('xl/worksheets/sheet', '.xml');
    parts.set(part, sheetXml);
    declarePart(parts, part, CONTENT_TYPES.worksheet);
    const id = parts.relate(workbook.part, `${workbook.relationshipBase}/worksheet`, part);
    const sheetIds = [...xml.matchAll(/\ssheetId\s*=\s*"(\d+)"/g)].map((m) => Number(m[1]));
    const sheetId = Math.max(0, ...sheetIds) + 1;
    const entry = `<${qualified(sheetsElement.open.prefix, 'sheet')} name="${escapeXml(COPY_WORDS[language].problemsTab)}" sheetId="${sheetId}" ${relationshipId(rootTag, workbook.relationshipBase, id)}/>`;
    edits.push(appendChildren(xml, sheetsElement, entry));
  }
  edits.push(activeTabEdit(xml, index, sheetsElement.start, sheetsElement.open.prefix));
  parts.set(workbook.part, applyEdits(xml, edits));
  for (const rel of rels) {
    const part = rel.type.endsWith('sheet') ? parts.target(workbook.part, rel) : null;
    if (part && part !== existing) deselect(parts, part);
  }
}

function activeTabEdit(xml: string, index: number, sheetsStart: number, p: string): Edit {
  const view = findElement(xml, 'workbookView');
  if (!view) {
    return {
      at: sheetsStart,
      remove: 0,
      insert: `<${qualified(p, 'bookViews')}><${qualified(p, 'workbookView')} activeTab="${index}"/></${qualified(p, 'bookViews')}>`,
    };
  }
  const open = tagText(xml, view.open);
  let text = setAttribute(open, 'activeTab', String(index));
  if (Number(getAttribute(open, 'firstSheet') ?? 0) > index) text = setAttribute(text, 'firstSheet', null);
  return { at: view.open.start, remove: view.open.end - view.open.start, insert: text };
}

// Two selected tabs make Excel group the sheets (typing then changes both), so only the new tab stays selected.
function deselect(parts: PackageParts, part: string): void {
  const xml = parts.text(part);
  if (!xml) return;
  const next = xml.replace(/(<(?:[\w.-]+:)?sheetView\b[^>]*?)\stabSelected\s*=\s*(?:"[^"]*"|'[^']*')/g, '$1');
  if (next !== xml) parts.set(part, next);
}
