import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkForm } from './check-form.js';
import { inEnglish } from './testing/in-english.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'forms');
const NOW = new Date('2026-11-25T10:00:00Z');
const check = (name: string) => inEnglish(checkForm({ filename: name.split('/').pop() ?? name, content: readFileSync(join(FIXTURES, name)) }, NOW));
const codes = (name: string) => check(name).findings.map((f) => f.code);

describe('committed fixtures (scripts/generate-form-fixtures.ts)', () => {
  it.each([
    'good-solicitors.xlsx',
    'good-sole-barrister.xlsx',
    'messy-real-world.xlsx',
    'good-solicitors.csv',
    'good-utf8-no-bom.csv',
    'good-windows-1252-semicolon.csv',
    'good-utf16.csv',
    'libreoffice/good-solicitors.xlsx',
    'libreoffice/good-sole-barrister.xlsx',
    'libreoffice/messy-real-world.xlsx',
  ])('%s is valid', (name) => {
    const result = check(name);
    expect(result.findings).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it.each([['many-problems.xlsx'], ['libreoffice/many-problems.xlsx']])('%s reports every problem in one pass', (name) => {
    expect(codes(name)).toEqual([
      'INVALID_POSTCODE',
      'COURT_UNKNOWN',
      'ADMINISTRATOR_NOT_A_USER',
      'DATE_IN_FUTURE',
      'NO_ORGANISATION_ADMINISTRATOR',
      'DUPLICATE_EMAIL',
      'INVALID_MOBILE',
      'INVALID_ROLE',
    ]);
    // in the order a person fixes them: tab by tab, row by row, left to right; a finding about several cells at its first
    expect(check(name).findings.map((f) => f.cells ?? f.cell)).toEqual(['B11', 'B20', 'B32', 'B36', ['E5', 'E6'], 'C6', 'D6', 'E6']);
  });

  it.each([
    ['macro-enabled.xlsm', 'FILE_MACRO_ENABLED'],
    ['password-protected.xlsx', 'FILE_ENCRYPTED'],
    ['libreoffice/good-solicitors.xls', 'FILE_LEGACY_XLS'],
    ['libreoffice/good-solicitors.ods', 'FILE_ODS'],
  ])('%s cannot be read and says why (%s)', (name, code) => {
    const result = check(name);
    expect(result).toMatchObject({ valid: false, readable: false, registration: null });
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({ code, severity: 'error' });
    expect(result.findings[0]?.suggestion).toBeTruthy();
  });

  it.each([
    ['outdated-version.xlsx', 'FORM_OUTDATED'],
    ['foreign-workbook.xlsx', 'FORM_NOT_RECOGNISED'],
    ['missing-user-tab.xlsx', 'TAB_MISSING'],
  ])('%s gets one finding with a link to the current form (%s)', (name, code) => {
    const result = check(name);
    expect(result.readable).toBe(true);
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]?.code).toBe(code);
    expect(`${result.findings[0]?.message} ${result.findings[0]?.suggestion}`).toContain('/forms/registration.xlsx');
  });

  it('names the missing tab', () => {
    expect(check('missing-user-tab.xlsx').findings[0]?.message).toContain('"User details input"');
  });

  it('reads what real spreadsheets hold: rich text, formulas, links, lost zeros, dates, merges, renamed tabs', () => {
    for (const name of ['messy-real-world.xlsx', 'libreoffice/messy-real-world.xlsx']) {
      const registration = check(name).registration;
      expect(registration?.organisation).toMatchObject({
        name: 'Kestrel & Hart LLP',
        type: 'solicitors-firm',
        phone: '+442079460123',
        address: { line1: '12 Chancery Lane', postcode: 'WC2A 1LL' },
        email: 'office@kestrelhart.example.co.uk',
      });
      expect(registration?.identifiers).toEqual({ laa: '2A123B', sra: '612345' });
      expect(registration?.courts).toEqual(['B01LY00', '471']);
      expect(registration?.administrator.email).toBe('priya.natarajan@kestrelhart.example.co.uk');
      expect(registration?.administrator.phone).toBe('+442079460124');
      expect(registration?.terms).toEqual({ signedName: 'Priya Natarajan', signedOn: '2026-11-20' });
      expect(registration?.users.map((u) => [u.email, u.mobileE164, u.roles.join('+')])).toEqual([
        ['priya.natarajan@kestrelhart.example.co.uk', '+447700900101', 'organisation-administrator'],
        ['tom.okafor@kestrelhart.example.co.uk', '+447700900102', 'defence-lawyer+advocate'],
        ['sian.evans@kestrelhart.example.co.uk', '+447700900103', 'support-staff'],
      ]);
    }
  });

  it('keeps accents from every CSV encoding', () => {
    for (const name of ['good-utf8-no-bom.csv', 'good-windows-1252-semicolon.csv', 'good-utf16.csv']) {
      const registration = check(name).registration;
      expect(registration?.organisation.name, name).toBe('Brontë & O’Neill Solicitors');
      expect(registration?.users[3]?.firstName, name).toBe('Zoë');
    }
  });
});
