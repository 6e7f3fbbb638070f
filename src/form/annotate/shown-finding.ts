import type { FindingPlace, Severity, StoredFinding } from '../findings.js';
import type { Language } from '../messages/catalogue.js';
import { placedFinding, type RenderOptions } from '../messages/render-finding.js';

/** A finding as the copy shows it: `tab` stays the template's name (to find the sender's sheet), the rest in words. */
export interface ShownFinding extends FindingPlace {
  severity: Severity;
  message: string;
  suggestion: string | null;
  /** The tab and field in the reader's language; the template's names when absent. */
  tabShown?: string | null;
  fieldShown?: string | null;
}

export interface AnnotateOptions extends RenderOptions {
  language?: Language;
}

export function showFindings(findings: readonly StoredFinding[], options: AnnotateOptions = {}): ShownFinding[] {
  return findings.map((finding) => {
    const { text, ...place } = placedFinding(finding, options.language ?? 'en', options);
    return { ...place, message: text.message, suggestion: text.suggestion, tabShown: text.tab, fieldShown: text.field };
  });
}

/** The words of the copy around the findings, per language. */
export const COPY_WORDS: Record<Language, { problemsTab: string; csvTab: string; fileSuffix: string; headers: string[]; severity: Record<Severity, string> }> =
  {
    en: {
      problemsTab: 'Problems to fix',
      csvTab: 'Registration form (CSV)',
      fileSuffix: 'corrections needed',
      headers: ['Tab', 'Cell', 'Field', 'What to fix', 'How', 'Severity'],
      severity: { error: 'error', warning: 'warning' },
    },
    cy: {
      problemsTab: "Problemau i'w cywiro",
      csvTab: 'Ffurflen gofrestru (CSV)',
      fileSuffix: 'angen cywiro',
      headers: ['Tab', 'Cell', 'Maes', "Beth i'w gywiro", 'Sut', 'Difrifoldeb'],
      severity: { error: 'gwall', warning: 'rhybudd' },
    },
  };
