import { describeCells, findingCells, type Finding } from '../findings.js';
import { cellAddress } from '../read/grid.js';
import { escapeXml } from './xml-tags.js';

export const PROBLEMS_TAB = 'Problems to fix';

export const PROBLEM_COLUMNS: { header: string; width: number; value: (f: Finding) => string }[] = [
  { header: 'Tab', width: 28, value: (f) => f.tab ?? '' },
  { header: 'Cell', width: 14, value: (f) => describeCells(findingCells(f)) },
  { header: 'Field', width: 30, value: (f) => f.field ?? '' },
  { header: 'What to fix', width: 90, value: (f) => f.message },
  { header: 'How', width: 60, value: (f) => f.suggestion ?? '' },
  { header: 'Severity', width: 10, value: (f) => f.severity },
];

/**
 * The tab listing every problem, as a worksheet part of its own. Inline strings keep the firm's shared
 * string table untouched, and can never be read as formulas.
 */
export function problemsSheetXml(findings: readonly Finding[], boldStyle: number, mainNs: string): string {
  const cell = (row: number, column: number, text: string, style: number | null): string =>
    `<c r="${cellAddress(row, column)}"${style === null ? '' : ` s="${style}"`} t="inlineStr"><is><t xml:space="preserve">${escapeXml(text)}</t></is></c>`;
  const header = `<row r="1">${PROBLEM_COLUMNS.map((c, i) => cell(1, i + 1, c.header, boldStyle)).join('')}</row>`;
  const rows = findings.map((f, n) => `<row r="${n + 2}">${PROBLEM_COLUMNS.map((c, i) => cell(n + 2, i + 1, c.value(f), null)).join('')}</row>`);
  const cols = PROBLEM_COLUMNS.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`).join('');
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    + `<worksheet xmlns="${mainNs}"><sheetPr><tabColor rgb="FFC00000"/></sheetPr><dimension ref="A1:F${findings.length + 1}"/>`
    + '<sheetViews><sheetView tabSelected="1" workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
    + `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>${header}${rows.join('')}</sheetData>`
    + '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>';
}
