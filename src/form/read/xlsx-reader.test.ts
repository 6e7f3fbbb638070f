import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { checkForm, readGrid } from '../check-form.js';
import { FORM_VERSION, ORGANISATION_FIELDS, USER_COLUMNS } from '../form-schema.js';
import { GOOD_ORGANISATION, GOOD_USERS } from '../testing/sample-answers.js';
import { isDateFormatCode } from './xlsx-parts.js';
import { numberText } from './xlsx-sheet.js';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const escape = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;');
type Value = string | number | null | { date: string };

/** A row as other writers produce it: no r attributes, inline strings, x: prefixes, ISO date cells. */
function row(values: Value[]): string {
  return `<x:row>${values
    .map((v) => {
      if (v === null) return '<x:c/>';
      if (typeof v === 'number') return `<x:c><x:v>${v}</x:v></x:c>`;
      if (typeof v === 'object') return `<x:c t="d"><x:v>${v.date}</x:v></x:c>`;
      return `<x:c t="inlineStr"><x:is><x:t xml:space="preserve">${escape(v)}</x:t></x:is></x:c>`;
    })
    .join('')}</x:row>`;
}
const sheet = (rows: Value[][]) =>
  `<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="${NS}"><x:sheetData>${rows.map(row).join('')}</x:sheetData></x:worksheet>`;

function handWrittenWorkbook(): Buffer {
  const answers = { ...GOOD_ORGANISATION, signatureDate: { date: '2026-11-20T00:00:00' } } as Record<string, Value>;
  const org: Value[][] = [
    ['Organisation details input'],
    ['Form version', FORM_VERSION],
    ['Field', 'Your answer'],
    ...ORGANISATION_FIELDS.map((f) => [f.label, answers[f.key] ?? null]),
  ];
  const users: Value[][] = [
    ['Form version', FORM_VERSION],
    [],
    USER_COLUMNS.map((c) => c.label),
    ...GOOD_USERS.map((u) => u.map((v, i) => (i === 3 ? Number(String(v).replace(/\s/g, '')) : (v as Value)))),
  ];
  const rel = (id: string, type: string, target: string) =>
    `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
  const files: Record<string, string> = {
    '[Content_Types].xml':
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
    '_rels/.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel('r1', 'officeDocument', '/xl/workbook.xml')}</Relationships>`,
    'xl/workbook.xml': `<x:workbook xmlns:x="${NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:workbookPr date1904="1"/><x:sheets><x:sheet name="Organisation details input" sheetId="1" r:id="a"/><x:sheet name="User details input" sheetId="2" r:id="b"/></x:sheets></x:workbook>`,
    'xl/_rels/workbook.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel('a', 'worksheet', 'worksheets/one.xml')}${rel('b', 'worksheet', '/xl/worksheets/two.xml')}</Relationships>`,
    'xl/worksheets/one.xml': sheet(org),
    'xl/worksheets/two.xml': sheet(users),
  };
  return Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, Buffer.from(v)]))));
}

describe('reading workbooks from other writers', () => {
  it('reads inline strings, cells without addresses, prefixed XML, ISO date cells and the 1904 date system', () => {
    const content = handWrittenWorkbook();
    const grid = readGrid({ filename: 'f.xlsx', content });
    expect(grid.date1904).toBe(true);
    expect(grid.sheets[0]?.rows.get(4)?.get(2)?.text).toBe('Kestrel & Hart Solicitors LLP');
    const result = checkForm({ filename: 'f.xlsx', content }, new Date('2026-11-25T10:00:00Z'));
    expect(result.findings).toEqual([]);
    expect(result.registration?.terms.signedOn).toBe('2026-11-20');
    expect(result.registration?.users[0]?.mobileE164).toBe('+447700900101');
  });

  it('shows numbers as Excel does, without exponents or float noise', () => {
    expect(numberText(7700900123)).toBe('7700900123');
    expect(numberText(0.1 + 0.2)).toBe('0.3');
    expect(numberText(612345)).toBe('612345');
  });

  it('tells date formats from number formats', () => {
    expect(isDateFormatCode('dd/mm/yyyy')).toBe(true);
    expect(isDateFormatCode('[$-809]d mmmm yyyy;@')).toBe(true);
    expect(isDateFormatCode('#,##0.00')).toBe(false);
    expect(isDateFormatCode('"Day" 0')).toBe(false);
    expect(isDateFormatCode('General')).toBe(false);
  });
});
