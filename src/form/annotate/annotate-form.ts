import type { FormInput } from '../check-form.js';
import type { Finding } from '../findings.js';
import { TABS } from '../form-schema.js';
import { sniff } from '../read/sniff.js';
import { identifyTabs } from '../tab-names.js';
import { cellMarks } from './cell-marks.js';
import { csvCopy } from './csv-copy.js';
import { markWorkbook } from './mark-workbook.js';

export { PROBLEMS_TAB } from './problems-sheet.js';

/**
 * The sender's own file with each problem cell highlighted and a note saying what to fix, plus a tab
 * listing every problem. A CSV becomes a workbook holding its rows at the same cell positions.
 * Null when there is nothing to mark or the file cannot be marked.
 */
export async function annotate(input: FormInput, findings: Finding[]): Promise<{ filename: string; content: Uint8Array } | null> {
  if (!findings.some((f) => f.tab && f.cell)) return null;
  let content: Uint8Array;
  try {
    const kind = sniff(input.filename, input.content);
    content = kind.kind === 'csv'
      ? await csvCopy(input.content, findings)
      : markWorkbook(input.content, kind.entries, (names) => cellMarks(findings, sheetFinder(names)), findings);
  } catch {
    return null; // a copy we cannot make is left out; the reply still lists every problem
  }
  const base = input.filename.replace(/\.[^.]*$/, '').replace(/[^\w\- .()]/g, '_').slice(0, 80) || 'registration';
  return { filename: `${base} - corrections needed.xlsx`, content };
}

/** The sender's name for each input tab the findings speak of (they may have renamed it a little). */
function sheetFinder(names: string[]): (tab: string) => string | null {
  const tabs = identifyTabs(names);
  return (tab) => (tab === TABS.organisation || tab === TABS.users ? tabs[tab] : null);
}
