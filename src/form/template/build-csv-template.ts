import { FORM_VERSION, ORGANISATION_FIELDS, ORGANISATION_HEADERS, TABS, USER_COLUMNS, VERSION_LABEL } from '../form-schema.js';
import { USER_GUIDANCE } from './template-text.js';

export function csvLine(values: readonly string[], delimiter = ','): string {
  return values.map((v) => (/[",;\t\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(delimiter);
}

/**
 * The CSV version: one section per input tab, each opening with the tab's name, then the same version
 * row and headings as the workbook. UTF-8 with a BOM so that Excel shows accents correctly.
 */
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
