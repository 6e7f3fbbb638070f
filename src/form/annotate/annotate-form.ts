import type { FormInput } from '../check-form.js';
import type { StoredFinding } from '../findings.js';
import { TABS } from '../form-schema.js';
import { sniff } from '../read/sniff.js';
import { identifyTabs } from '../tab-names.js';
import { cellMarks } from './cell-marks.js';
import { csvCopy } from './csv-copy.js';
import { markWorkbook } from './mark-workbook.js';
import { COPY_WORDS, showFindings, type AnnotateOptions } from './shown-finding.js';

export { PROBLEMS_TAB } from './problems-sheet.js';
export type { AnnotateOptions };

/**
 * The sender's own file with each problem cell highlighted and a note saying what to fix, plus a tab
 * listing every problem, in the reader's language. A CSV becomes a workbook holding its rows at the same cell positions.
 * Null when there is nothing to mark or the file cannot be marked.
 */
export async function annotate(
  input: FormInput,
  stored: readonly StoredFinding[],
  options: AnnotateOptions = {},
): Promise<{ filename: string; content: Uint8Array } | null> {
  if (!stored.some((f) => f.tab && f.cell)) return null;
  const findings = showFindings(stored, options);
  const language = options.language ?? 'en';
  let content: Uint8Array;
  try {
    const kind = sniff(input.filename, input.content);
    content =
      kind.kind === 'csv'
        ? await csvCopy(input.content, findings, language)
        : markWorkbook(input.content, kind.entries, (names) => cellMarks(findings, sheetFinder(names)), findings, language);
  } catch {
    return null; // a copy we cannot make is left out; the reply still lists every problem
  }
  const base =
    input.filename
      .replace(/\.[^.]*$/, '')
      .replace(/[^\w\- .()]/g, '_')
      .slice(0, 80) || 'registration';
  return { filename: `${base} - ${COPY_WORDS[language].fileSuffix}.xlsx`, content };
}

/** The sender's name for each input tab the findings speak of (they may have renamed it a little). */
function sheetFinder(names: string[]): (tab: string) => string | null {
  const tabs = identifyTabs(names);
  return (tab) => (tab === TABS.organisation || tab === TABS.users ? tabs[tab] : null);
}
