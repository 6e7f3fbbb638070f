export type Severity = 'error' | 'warning';

export interface Finding {
  severity: Severity;
  /** The tab as named in the current template, so replies read the same whatever the sender renamed. */
  tab: string | null;
  cell: string | null;
  field: string | null;
  /** SCREAMING_SNAKE code, stable for the reply templates and the dashboard. */
  code: string;
  message: string;
  suggestion: string | null;
}

export interface FindingPlace {
  tab: string | null;
  cell: string | null;
  field: string | null;
}

export const NOWHERE: FindingPlace = { tab: null, cell: null, field: null };

/** "On the Organisation details input tab, cell B7 (Postcode): " — every message starts where to look. */
export function placePrefix(place: FindingPlace): string {
  if (!place.tab) return '';
  const cell = place.cell ? `, cell ${place.cell}` : '';
  const field = place.field ? ` (${place.field})` : '';
  return `On the ${place.tab} tab${cell}${field}: `;
}

export function makeFinding(
  severity: Severity,
  code: string,
  place: FindingPlace,
  problem: string,
  suggestion: string | null = null,
): Finding {
  return { severity, tab: place.tab, cell: place.cell, field: place.field, code, message: placePrefix(place) + problem, suggestion };
}

export const hasErrors = (findings: readonly Finding[]): boolean => findings.some((f) => f.severity === 'error');
