import { findingCells, isLegacyFinding, type Finding, type FindingPlace, type LegacyFinding, type Severity, type StoredFinding } from '../findings.js';
import type { FindingLanguage, Language, Message, MessageContext } from './catalogue.js';
import { welsh } from './cy.js';
import { english } from './en.js';

export const FINDING_LANGUAGES: Record<Language, FindingLanguage> = { en: english, cy: welsh };

export interface RenderOptions {
  /** The site's address: links to the form become full addresses, as an email or a copy of a file needs. */
  baseUrl?: string;
}

/** A finding in words: where it is, what is wrong and how to fix it, in one language. */
export interface RenderedFinding {
  /** The whole sentence, starting where to look: "On the X tab, cell B7 (Postcode): …". */
  message: string;
  /** The same without the place, for a list already under the tab's heading. */
  problem: string;
  suggestion: string | null;
  /** The tab and field in the reader's language. */
  tab: string | null;
  field: string | null;
  /** "cell B7" / "cells E5 to E9"; empty when the finding has no cell. */
  cells: string;
}

/** The one place a finding becomes sentences: an email, an annotated copy or a page calls it with its reader's language. */
export function renderFinding(finding: StoredFinding, language: Language = 'en', options: RenderOptions = {}): RenderedFinding {
  const words = FINDING_LANGUAGES[language];
  if (isLegacyFinding(finding)) return renderLegacy(finding);
  const csv = finding.inCsv === true;
  const field = finding.field === null ? null : words.fieldName(finding.field);
  const tab = finding.tab === null ? null : words.tabName(finding.tab);
  const context: MessageContext = { place: finding, field, formUrl: (options.baseUrl ?? '') + words.formPath, csv };
  const text = messageOf(finding, words, context);
  const problem = csv ? words.inCsvTerms(text.problem) : text.problem;
  const cells = findingCells(finding);
  return { message: words.placePrefix({ tab, cells, field }, csv) + problem, problem, suggestion: text.suggestion, tab, field, cells: words.cellsText(cells) };
}

/** A finding's severity and place as the template names it (the copy finds the sender's sheet by it), with its words. */
export function placedFinding(
  finding: StoredFinding,
  language: Language,
  options: RenderOptions = {},
): FindingPlace & { severity: Severity; text: RenderedFinding } {
  const cells = finding.cells ? { cells: finding.cells } : {};
  return { severity: finding.severity, tab: finding.tab, cell: finding.cell, ...cells, field: finding.field, text: renderFinding(finding, language, options) };
}

function messageOf(finding: Finding, words: FindingLanguage, context: MessageContext): Message {
  const message = words.messages[finding.code] as ((params: unknown, context: MessageContext) => Message) | undefined;
  // A code this version no longer knows (from a stored record) still shows something a person can act on.
  return message ? message(finding.params ?? {}, context) : { problem: finding.code, suggestion: null };
}

// Stored before findings were codes alone: the English text made then is all there is.
function renderLegacy(finding: LegacyFinding): RenderedFinding {
  const cells = findingCells(finding);
  const english = FINDING_LANGUAGES.en;
  const prefixes = [false, true].map((csv) => english.placePrefix({ tab: finding.tab, cells, field: finding.field }, csv));
  const start = prefixes.find((prefix) => prefix && finding.message.startsWith(prefix));
  return {
    message: finding.message,
    problem: start ? finding.message.slice(start.length) : finding.message,
    suggestion: finding.suggestion,
    tab: finding.tab,
    field: finding.field,
    cells: english.cellsText(cells),
  };
}

/** The finding as one sentence; in English, word for word the `message` findings carried before they were codes. */
export const describeFinding = (finding: StoredFinding, language: Language = 'en', options: RenderOptions = {}): string =>
  renderFinding(finding, language, options).message;
