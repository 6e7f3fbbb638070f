import { findingCells } from '../findings.js';
import { parseAddress } from '../read/grid.js';
import type { ShownFinding } from './shown-finding.js';

export const PROBLEM_FILL = 'FFFFC7CE';
export const WARNING_FILL = 'FFFFEB9C';

/** One cell to mark: its fill says how serious, its note says what to fix (every finding on it). */
export interface CellMark {
  row: number;
  column: number;
  argb: string;
  text: string;
}

/** The marks for each sheet, by the sheet's own name; findings on tabs the file lacks are left out. */
export function cellMarks(findings: readonly ShownFinding[], sheetFor: (tab: string) => string | null): Map<string, CellMark[]> {
  const cells = new Map<string, { sheet: string; row: number; column: number; lines: string[]; error: boolean }>();
  for (const finding of findings) {
    const sheet = finding.tab ? sheetFor(finding.tab) : null;
    if (sheet === null) continue;
    // A form-wide finding (no administrator, say) marks every cell the firm may change to fix it.
    for (const address of findingCells(finding)) {
      const at = parseAddress(address);
      if (!at) continue;
      const key = `${sheet}\u0000${at.row}\u0000${at.column}`;
      const cell = cells.get(key) ?? { sheet, ...at, lines: [], error: false };
      cell.lines.push([finding.message, finding.suggestion].filter(Boolean).join(' '));
      cell.error ||= finding.severity === 'error';
      cells.set(key, cell);
    }
  }
  const bySheet = new Map<string, CellMark[]>();
  for (const c of cells.values()) {
    const mark = { row: c.row, column: c.column, argb: c.error ? PROBLEM_FILL : WARNING_FILL, text: c.lines.join('\n\n') };
    bySheet.set(c.sheet, [...(bySheet.get(c.sheet) ?? []), mark]);
  }
  return bySheet;
}
