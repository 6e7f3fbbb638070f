import { cellsText } from '../form/findings.js';

/** A finding as the form checker reports it; only what comparing two forms needs. */
export interface FindingLike {
  severity: 'error' | 'warning';
  tab: string | null;
  cell: string | null;
  cells?: string[];
  field: string | null;
  code: string;
  message: string;
}

export interface FindingsComparison<T> {
  /** Errors in the earlier form whose place has no error now. */
  fixed: T[];
  /** Errors now at a place that had one before, even if the problem there has changed. */
  stillWrong: T[];
  /** Errors at places that were fine before (or that the earlier form never reached). */
  added: T[];
}

// Where a finding is: the cell when known; otherwise the field; a finding about the whole file by its code.
const placeOf = (f: FindingLike) => `${f.tab ?? ''}|${f.cell ?? f.field ?? `code:${f.code}`}`.toLowerCase();

/** What a corrected form fixed and what is still wrong, compared with the form it corrects. */
export function compareFindings<T extends FindingLike>(previous: readonly T[], current: readonly T[]): FindingsComparison<T> {
  const errorsBefore = previous.filter((f) => f.severity === 'error');
  const errorsNow = current.filter((f) => f.severity === 'error');
  const placesBefore = new Set(errorsBefore.map(placeOf));
  const placesNow = new Set(errorsNow.map(placeOf));
  const fixed = dedupeByPlace(errorsBefore.filter((f) => !placesNow.has(placeOf(f))));
  return {
    fixed,
    stillWrong: errorsNow.filter((f) => placesBefore.has(placeOf(f))),
    added: errorsNow.filter((f) => !placesBefore.has(placeOf(f))),
  };
}

function dedupeByPlace<T extends FindingLike>(findings: T[]): T[] {
  const seen = new Set<string>();
  return findings.filter((f) => (seen.has(placeOf(f)) ? false : (seen.add(placeOf(f)), true)));
}

/** "Postcode (Organisation details input tab, cell B7)": one line for the acknowledgement's lists. */
export function describeFinding(f: FindingLike): string {
  const where = [f.tab ? `${f.tab} tab` : null, cellsText(f) || null].filter(Boolean).join(', ');
  if (!f.field) return where ? `${f.message} (${where})` : f.message;
  return where ? `${f.field} (${where})` : f.field;
}
