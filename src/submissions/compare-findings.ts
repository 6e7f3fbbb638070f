import type { StoredFinding } from '../form/findings.js';
import type { Language } from '../form/messages/catalogue.js';
import { renderFinding, type RenderOptions } from '../form/messages/render-finding.js';

/** A finding as the form checker reports it; only what comparing two forms needs. */
export interface FindingLike {
  severity: 'error' | 'warning';
  tab: string | null;
  cell: string | null;
  cells?: string[];
  field: string | null;
  code: string;
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

const TAB_PHRASE: Record<Language, (tab: string) => string> = { en: (tab) => `${tab} tab`, cy: (tab) => `tab ${tab}` };

/** "Postcode (Organisation details input tab, cell B7)": one line for the acknowledgement's lists. */
export function summariseFinding(f: StoredFinding, language: Language = 'en', options: RenderOptions = {}): string {
  const text = renderFinding(f, language, options);
  const where = [text.tab ? TAB_PHRASE[language](text.tab) : null, text.cells || null].filter(Boolean).join(', ');
  if (!text.field) return where ? `${text.message} (${where})` : text.message;
  return where ? `${text.field} (${where})` : text.field;
}
