import type { Finding } from './findings.js';
import { TABS } from './form-schema.js';
import { parseAddress } from './read/grid.js';

const TAB_ORDER: (string | null)[] = [null, TABS.organisation, TABS.users];

/** Whole-form findings first, then tab by tab, row by row, left to right: the order a person fixes them. */
export function sortFindings(findings: Finding[]): Finding[] {
  const key = (f: Finding): [number, number, number] => {
    const at = f.cell ? parseAddress(f.cell) : null;
    return [TAB_ORDER.indexOf(f.tab), at?.row ?? Number.MAX_SAFE_INTEGER, at?.column ?? 0];
  };
  return findings
    .map((finding, index) => ({ finding, index, key: key(finding) }))
    .sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2] - b.key[2] || a.index - b.index)
    .map((entry) => entry.finding);
}
