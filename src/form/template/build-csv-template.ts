import { FORM_VERSION, ORGANISATION_FIELDS, ORGANISATION_HEADERS, TABS, USER_COLUMNS, VERSION_LABEL } from '../form-schema.js';
import { USER_GUIDANCE } from './template-text.js';

export function csvLine(values: readonly string[], delimiter = ','): string {
  return values.map((v) => (/[",;\t\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(delimiter);
}

/** One section per input tab, opening with its name; UTF-8 with a BOM so Excel shows accents correctly. */
export function buildCsvTemplate(): Buffer {
  const lines = [
    [TABS.organisation],
    [VERSION_LABEL, FORM_VERSION],
    [...ORGANISATION_HEADERS],
    ...ORGANISATION_FIELDS.map((f) => [f.label, '', f.help]),
    [],
    [TABS.users],
    [VERSION_LABEL, FORM_VERSION],
    [USER_GUIDANCE],
    USER_COLUMNS.map((c) => c.label),
  ];
  return Buffer.from(`\uFEFF${lines.map((l) => csvLine(l)).join('\r\n')}\r\n`, 'utf8');
}
