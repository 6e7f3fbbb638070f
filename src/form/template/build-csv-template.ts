import { FORM_VERSION } from '../form-schema.js';
import type { Language } from '../messages/catalogue.js';
import { formWords } from './form-words.js';

export function csvLine(values: readonly string[], delimiter = ','): string {
  return values.map((v) => (/[",;\t\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(delimiter);
}

/** One section per input tab, opening with its name; UTF-8 with a BOM so Excel shows accents correctly. */
export function buildCsvTemplate(language: Language = 'en'): Buffer {
  const words = formWords(language);
  const lines = [
    [words.tabs.organisation],
    [words.versionLabel, FORM_VERSION],
    [...words.headers],
    ...words.rows.flatMap((row) => ('key' in row ? [[row.shownLabel, '', row.shownHelp]] : [])),
    [],
    [words.tabs.users],
    [words.versionLabel, FORM_VERSION],
    [words.userGuidance],
    words.columns.map((c) => c.shownLabel),
  ];
  return Buffer.from(`\uFEFF${lines.map((l) => csvLine(l)).join('\r\n')}\r\n`, 'utf8');
}
