import { FORM_DOWNLOAD_PATH } from './form-schema.js';
import { parseAddress } from './read/grid.js';

export type Severity = 'error' | 'warning';

export interface Finding {
  severity: Severity;
  /** The tab as named in the current template, so replies read the same whatever the sender renamed. */
  tab: string | null;
  /** The cell to change; for a finding about several cells, the first of `cells`. */
  cell: string | null;
  /**
   * Every cell a finding about the form as a whole points at (the role of each user, the three registration
   * numbers), top to bottom; present only when there is more than one.
   */
  cells?: string[];
  field: string | null;
  /** SCREAMING_SNAKE code, stable for the reply templates and the dashboard. */
  code: string;
  message: string;
  suggestion: string | null;
}

export interface FindingPlace {
  tab: string | null;
  cell: string | null;
  cells?: string[];
  field: string | null;
}

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

/** "E5 to E9, E12 and E14": three or more rows one after another in a column read as a range, so a list stays short. */
export function describeCells(cells: string[]): string {
  const runs: { first: string; last: string; count: number }[] = [];
  for (const cell of cells) {
    const run = runs.at(-1);
    const [a, b] = [run ? parseAddress(run.last) : null, parseAddress(cell)];
    if (run && a && b && a.column === b.column && b.row === a.row + 1) Object.assign(run, { last: cell, count: run.count + 1 });
    else runs.push({ first: cell, last: cell, count: 1 });
  }
  const names = runs.flatMap(({ first, last, count }) => (count === 1 ? [first] : count === 2 ? [first, last] : [`${first} to ${last}`]));
  const named = names.slice(0, MAX_NAMED);
  if (names.length > MAX_NAMED) named.push(`${names.length - MAX_NAMED} more`);
  return named.length > 1 ? `${named.slice(0, -1).join(', ')} and ${named.at(-1)}` : (named[0] ?? '');
}

/** "Cell B7" or "Cells E5 to E9": where a finding is, as a reply names it; empty when it has no cell. */
export function cellsText(place: Pick<FindingPlace, 'cell' | 'cells'>): string {
  const cells = findingCells(place);
  if (cells.length === 0) return '';
  return cells.length === 1 ? `cell ${cells[0]}` : `cells ${describeCells(cells)}`;
}

/** "On the Organisation details input tab, cell B7 (Postcode): " — every message starts where to look. */
export function placePrefix(place: FindingPlace): string {
  if (!place.tab) return '';
  const cells = cellsText(place);
  const field = place.field ? ` (${place.field})` : '';
  return `On the ${place.tab} tab${cells ? `, ${cells}` : ''}${field}: `;
}

/** The same place in a CSV's terms, which has sections rather than tabs: "In the User details input section, cell E5". */
export const inSectionTerms = (message: string): string => message.replace(/^On the (.+?) tab/, 'In the $1 section');

export function makeFinding(
  severity: Severity,
  code: string,
  place: FindingPlace,
  problem: string,
  suggestion: string | null = null,
): Finding {
  const cells = place.cells && place.cells.length > 1 ? { cells: place.cells } : {};
  return { severity, tab: place.tab, cell: place.cell, ...cells, field: place.field, code, message: placePrefix(place) + problem, suggestion };
}

export const hasErrors = (findings: readonly Finding[]): boolean => findings.some((f) => f.severity === 'error');

/**
 * Findings name the form's download by its path on our site; a firm reads them in an email or in the copy of
 * its file, where only a full address works. Text in double quotes is the sender's own (quote() keeps double
 * quotes out of it) and is left as written.
 */
export function withFormLinks(findings: Finding[], publicBaseUrl: string): Finding[] {
  const absolute = (text: string) =>
    text.split(/("[^"]*")/).map((part) => (part.startsWith('"') ? part : part.replaceAll(FORM_DOWNLOAD_PATH, publicBaseUrl + FORM_DOWNLOAD_PATH))).join('');
  return findings.map((f) => ({ ...f, message: absolute(f.message), suggestion: f.suggestion === null ? null : absolute(f.suggestion) }));
}

