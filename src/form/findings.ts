import type { FindingCode, FindingParams } from './messages/finding-params.js';
import { parseAddress } from './read/grid.js';

export type Severity = 'error' | 'warning';
export type { FindingCode, FindingParams };

export interface FindingPlace {
  /** The tab as named in the (English) template, so replies read the same whatever the sender renamed. */
  tab: string | null;
  /** The cell to change; for a finding about several cells, the first of `cells`. */
  cell: string | null;
  /**
   * Every cell a finding about the form as a whole points at (the role of each user, the three registration
   * numbers), top to bottom; present only when there is more than one.
   */
  cells?: string[];
  /** The field's label in the (English) template; the reply names it in the reader's language. */
  field: string | null;
}

interface FindingBase extends FindingPlace {
  severity: Severity;
  /** The form was a CSV, whose parts are sections rather than tabs. */
  inCsv?: true;
}

/**
 * A problem found in a form: a SCREAMING_SNAKE code, where it is, and the parameters its message needs.
 * It holds no sentence: src/form/messages turns it into one in the reader's language.
 */
export type Finding = { [C in FindingCode]: FindingBase & { code: C; params: FindingParams[C] } }[FindingCode];

/** A finding stored by an earlier version of the service, whose English text was made when it was found. */
export interface LegacyFinding extends FindingBase {
  code: string;
  message: string;
  suggestion: string | null;
}

/** What a submission holds: findings made now, or text-bearing ones from before findings had codes alone. */
export type StoredFinding = Finding | LegacyFinding;

export const isLegacyFinding = (f: StoredFinding): f is LegacyFinding => !('params' in f) && typeof (f as LegacyFinding).message === 'string';

export const NOWHERE: FindingPlace = { tab: null, cell: null, field: null };

/** A place made of several cells on one tab; `cell` is the first of them, or null when there is none. */
export function placeAtCells(tab: string, cells: (string | null | undefined)[], field: string | null): FindingPlace {
  const found = cells.filter((cell): cell is string => Boolean(cell));
  return { tab, cell: found[0] ?? null, ...(found.length > 1 ? { cells: found } : {}), field };
}

/** Every cell a finding points at: its `cells`, else its one cell, else none. */
export function findingCells(place: Pick<FindingPlace, 'cell' | 'cells'>): string[] {
  return place.cells?.length ? place.cells : place.cell ? [place.cell] : [];
}

const MAX_NAMED = 8;

/** The words a list of cells is joined with, in one language. */
export interface CellListWords {
  to: string;
  /** "and" before the last name; a function, as Welsh says "a" or "ac" by the sound that follows. */
  and: (next: string) => string;
  more: (count: number) => string;
}

const ENGLISH_CELL_WORDS: CellListWords = { to: 'to', and: () => 'and', more: (count) => `${count} more` };

/** "E5 to E9, E12 and E14": three or more rows one after another in a column read as a range, so a list stays short. */
export function describeCells(cells: string[], words: CellListWords = ENGLISH_CELL_WORDS): string {
  const runs: { first: string; last: string; count: number }[] = [];
  for (const cell of cells) {
    const run = runs.at(-1);
    const [a, b] = [run ? parseAddress(run.last) : null, parseAddress(cell)];
    if (run && a && b && a.column === b.column && b.row === a.row + 1) Object.assign(run, { last: cell, count: run.count + 1 });
    else runs.push({ first: cell, last: cell, count: 1 });
  }
  const names = runs.flatMap(({ first, last, count }) => (count === 1 ? [first] : count === 2 ? [first, last] : [`${first} ${words.to} ${last}`]));
  const named = names.slice(0, MAX_NAMED);
  if (names.length > MAX_NAMED) named.push(words.more(names.length - MAX_NAMED));
  const last = named.at(-1) ?? '';
  return named.length > 1 ? `${named.slice(0, -1).join(', ')} ${words.and(last)} ${last}` : last;
}

export function makeFinding<C extends FindingCode>(severity: Severity, code: C, place: FindingPlace, params: FindingParams[C]): Finding {
  const cells = place.cells && place.cells.length > 1 ? { cells: place.cells } : {};
  return { severity, tab: place.tab, cell: place.cell, ...cells, field: place.field, code, params } as Finding;
}

export const hasErrors = (findings: readonly Pick<Finding, 'severity'>[]): boolean => findings.some((f) => f.severity === 'error');
