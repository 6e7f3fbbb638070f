import { describe, expect, it } from 'vitest';
import { checkForm } from '../check-form.js';
import { csvLine } from '../template/build-csv-template.js';
import { csvRows, type FormSpec } from '../testing/form-builder.js';
import { inEnglish } from '../testing/in-english.js';
import { manyUsers } from '../testing/sample-answers.js';

const NOW = new Date('2026-11-25T10:00:00Z');
function check(edit: (rows: string[][]) => string[][], spec: FormSpec = {}) {
  const content = Buffer.from(
    edit(csvRows(spec))
      .map((r) => csvLine(r))
      .join('\r\n'),
  );
  return inEnglish(checkForm({ filename: 'form.csv', content }, NOW));
}
const relabel = (from: string, to: string) => (rows: string[][]) => rows.map((r) => r.map((c) => (c === from ? to : c)));

describe('locating the answers', () => {
  it('finds answers after inserted blank rows and columns', () => {
    const result = check((rows) => rows.flatMap((r, i) => (i % 4 === 0 ? [[], ['', '', ...r]] : [['', '', ...r]])));
    expect(result.findings).toEqual([]);
    expect(result.registration?.organisation.address.postcode).toBe('WC2A 1LL');
  });

  it('warns, and still checks, when the version row was deleted', () => {
    const result = check((rows) => rows.filter((r) => r[0] !== 'Form version'));
    expect(result.findings.map((f) => [f.code, f.severity])).toEqual([['FORM_VERSION_MISSING', 'warning']]);
    expect(result.valid).toBe(true);
    expect(result.registration?.formVersion).toBeNull();
  });

  it('answers an old version with one finding and reports the version it found', () => {
    const result = check((rows) => rows, { version: '2023.2' });
    expect(result.findings.map((f) => f.code)).toEqual(['FORM_OUTDATED']);
    expect(result.findings[0]?.message).toContain('"2023.2"');
    expect(result.formVersion).toBe('2023.2');
  });

  it('reads a version written as "v2026.1"', () => {
    expect(check((rows) => rows, { version: 'v2026.1' }).valid).toBe(true);
  });

  it('speaks of sections, not tabs, in a CSV', () => {
    const result = check((rows) => rows.slice(0, 30));
    expect(result.findings[0]?.message).toBe(
      'The form has no "User details input" section (its sections are "Organisation details input"), so it cannot be checked.',
    );
  });

  it('gives one finding when most labels are gone', () => {
    const result = check((rows) => rows.map((r, i) => (i > 2 && i < 25 ? [`Question ${i}`, ...r.slice(1)] : r)));
    expect(result.findings.map((f) => [f.code, f.tab])).toEqual([['FORM_LAYOUT_CHANGED', 'Organisation details input']]);
  });

  it('names a single missing label', () => {
    const result = check(relabel('Postcode', 'Postal area'));
    expect(result.findings.map((f) => [f.code, f.field])).toEqual([['FIELD_LABEL_MISSING', 'Postcode']]);
  });

  it('accepts older wordings of a label', () => {
    expect(check(relabel('Postcode', 'Post code')).valid).toBe(true);
    expect(check(relabel('Last name', 'Surname')).valid).toBe(true);
  });

  it('names a missing user column, and gives one finding when the headings are gone', () => {
    expect(check(relabel('Mobile number', 'Tel')).findings.map((f) => [f.code, f.field])).toEqual([['COLUMN_MISSING', 'Mobile number']]);
    const noHeadings = check((rows) => rows.filter((r) => r[0] !== 'First name'));
    expect(noHeadings.findings.map((f) => [f.code, f.tab])).toEqual([['FORM_LAYOUT_CHANGED', 'User details input']]);
  });

  it('lists at most 300 problems, then says how many more there are', () => {
    const users = manyUsers(400).map((u) => [u[0] ?? null, u[1] ?? null, 'not-an-email', u[3] ?? null, u[4] ?? null, null]);
    const result = check((rows) => rows, { users });
    expect(result.findings).toHaveLength(301);
    expect(result.findings[300]).toMatchObject({ code: 'MORE_PROBLEMS', message: 'There are 101 more problems like these, not listed here.' });
  });

  it('limits the number of users on one form', () => {
    const result = check((rows) => rows, { users: manyUsers(1001) });
    expect(result.findings.map((f) => f.code)).toEqual(['TOO_MANY_USERS']);
    expect(check((rows) => rows, { users: manyUsers(1000) }).valid).toBe(true);
  });
});
