// Answers reappear in staff exports and dashboards, where a spreadsheet runs a cell starting with = + - or @ as a
// formula, and some run one after a leading tab or carriage return too (OWASP, CSV injection).
// Every leading '-' counts, not only one before a digit: Excel reads -Smith as a formula as well, and no name or address starts with one.
const FORMULA_START = /^[=+\-@]/;

/**
 * The first character if a spreadsheet could take the answer for a formula, else null. `typed` is the cell as
 * the sender left it (a leading tab or carriage return counts); `kept` is the answer as stored, trimmed and cleaned.
 */
export function formulaStart(typed: string, kept: string): string | null {
  if (typed.startsWith('\t') || typed.startsWith('\r')) return typed.charAt(0);
  return FORMULA_START.exec(kept)?.[0] ?? null;
}
