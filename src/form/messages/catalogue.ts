import type { FindingCode, FindingParams, FindingPlace } from '../findings.js';
import type { CellListWords } from '../findings.js';

export type Language = 'en' | 'cy';
export const LANGUAGES: readonly Language[] = ['en', 'cy'];

/** What a message may use beyond its parameters. */
export interface MessageContext {
  /** Where the finding is, with the tab and field as the English template names them. */
  place: FindingPlace;
  /** The field's name in the reader's language. */
  field: string | null;
  /** Where to download the form in the reader's language: a full address in emails and copies, else the path. */
  formUrl: string;
  /** The form was a CSV, whose parts are sections rather than tabs. */
  csv: boolean;
}

export interface Message {
  problem: string;
  suggestion: string | null;
}

/** One message per code, each given exactly the parameters its code carries: the compiler checks both. */
export type MessageCatalogue = { [C in FindingCode]: (params: FindingParams[C], context: MessageContext) => Message };

/** A language's messages and the words around them. */
export interface FindingLanguage {
  messages: MessageCatalogue;
  /** The form's download path in this language. */
  formPath: string;
  tabName(tab: string): string;
  fieldName(field: string): string;
  cellWords: CellListWords;
  /** "cell B7" / "cells E5 to E9": lower case, as it follows a comma. */
  cellsText(cells: string[]): string;
  /** "On the X tab, cell B7 (Postcode): ", in a tab's or a CSV section's terms; empty when there is no tab. */
  placePrefix(place: { tab: string | null; cells: string[]; field: string | null }, csv: boolean): string;
  /** How a problem reads for a CSV where the language rewords it after the fact (English); else unchanged. */
  inCsvTerms(problem: string): string;
}
