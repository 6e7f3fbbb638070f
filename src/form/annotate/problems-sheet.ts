import { describeCells, findingCells } from '../findings.js';
import type { Language } from '../messages/catalogue.js';
import { FINDING_LANGUAGES } from '../messages/render-finding.js';
import { cellAddress } from '../read/grid.js';
import { COPY_WORDS, type ShownFinding } from './shown-finding.js';
import { escapeXml } from './xml-tags.js';

export const PROBLEMS_TAB = COPY_WORDS.en.problemsTab;
/** Every name the problems tab has had, so a copy sent back has it rewritten rather than added twice. */
export const PROBLEMS_TAB_NAMES = Object.values(COPY_WORDS).map((words) => words.problemsTab);

const WIDTHS = [28, 14, 30, 90, 60, 10];

export function problemColumns(language: Language): { header: string; width: number; value: (f: ShownFinding) => string }[] {
  const words = COPY_WORDS[language];
  const values: ((f: ShownFinding) => string)[] = [
    (f) => f.tabShown ?? f.tab ?? '',
    (f) => describeCells(findingCells(f), FINDING_LANGUAGES[language].cellWords),
    (f) => f.fieldShown ?? f.field ?? '',
    (f) => f.message,
    (f) => f.suggestion ?? '',
    (f) => words.severity[f.severity],
  ];
  return values.map((value, i) => ({ header: words.headers[i] ?? '', width: WIDTHS[i] ?? 20, value }));
}

/**
 * The tab listing every problem, as a worksheet part of its own. Inline strings keep the firm's shared
 * string table untouched, and can never be read as formulas.
 */
export function problemsSheetXml(findings: readonly ShownFinding[], boldStyle: number, mainNs: string, language: Language = 'en'): string {
  const columns = problemColumns(language);
  const cell = (row: number, column: number, text: string, style: number | null): string =>
    `<c r="${cellAddress(row, column)}"${style === null ? '' : ` s="${style}"`} t="inlineStr"><is><t xml:space="preserve">${escapeXml(text)}</t></is></c>`;
  const header = `<row r="1">${columns.map((c, i) => cell(1, i + 1, c.header, boldStyle)).join('')}</row>`;
  const rows = findings.map((f, n) => `<row r="${n + 2}">${columns.map((c, i) => cell(n + 2, i + 1, c.value(f), null)).join('')}</row>`);
  const cols = columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<worksheet xmlns="${mainNs}"><sheetPr><tabColor rgb="FFC00000"/></sheetPr><dimension ref="A1:F${findings.length + 1}"/>` +
    '<sheetViews><sheetView tabSelected="1" workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
    `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>${header}${rows.join('')}</sheetData>` +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>'
  );
}
