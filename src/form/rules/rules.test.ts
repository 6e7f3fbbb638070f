import { describe, expect, it } from 'vitest';
import { checkForm } from '../check-form.js';
import { csvForm, type FormSpec } from '../testing/form-builder.js';
import { GOOD_ORGANISATION, GOOD_USERS, SOLE_BARRISTER, SOLE_BARRISTER_USERS, type AnswerValue } from '../testing/sample-answers.js';

const NOW = new Date('2026-11-25T10:00:00Z');
const check = (spec: FormSpec) => checkForm({ filename: 'form.csv', content: csvForm(spec) }, NOW);
const withOrg = (changes: Record<string, AnswerValue>): FormSpec => ({ organisation: { ...GOOD_ORGANISATION, ...changes } });
const withUser = (index: number, column: number, value: AnswerValue): FormSpec => ({
  users: GOOD_USERS.map((row, i) => (i === index ? row.map((v, c) => (c === column ? value : v)) : row)),
});
const codes = (spec: FormSpec) => check(spec).findings.filter((f) => f.severity === 'error').map((f) => f.code);

describe('a good form', () => {
  it('gives a normalised registration and no findings', () => {
    const result = check({});
    expect(result.findings).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.registration).toMatchObject({
      formVersion: '2026.1',
      organisation: {
        type: 'solicitors-firm', phone: '+442079460123', address: { postcode: 'WC2A 1LL', line2: null },
      },
      identifiers: { laa: '2A123B', sra: '612345' },
      courts: ['B01LY00', '471'],
      administrator: { name: 'Priya Natarajan', email: 'priya.natarajan@kestrelhart.example.co.uk', phone: '+442079460124' },
      terms: { signedName: 'Priya Natarajan', signedOn: '2026-11-20' },
    });
    expect(result.registration?.users[1]).toEqual({
      firstName: 'Tom', lastName: 'Okafor', email: 'tom.okafor@kestrelhart.example.co.uk', mobileE164: '+447700900102', roles: ['defence-lawyer', 'advocate'],
    });
  });

  it('gives a sole barrister both advocate and organisation administrator', () => {
    const result = check({ organisation: SOLE_BARRISTER, users: SOLE_BARRISTER_USERS });
    expect(result.valid).toBe(true);
    expect(result.registration?.users[0]?.roles).toEqual(['organisation-administrator', 'advocate']);
    expect(result.registration?.identifiers).toEqual({ bsb: 'A12345' });
  });
});

describe('organisation details', () => {
  it.each([
    ['organisation name', withOrg({ organisationName: null }), 'REQUIRED', 'B4'],
    ['organisation type', withOrg({ organisationType: 'Partnership' }), 'INVALID_ORGANISATION_TYPE', 'B5'],
    ['address line 1', withOrg({ addressLine1: '' }), 'REQUIRED', 'B6'],
    ['town', withOrg({ town: null }), 'REQUIRED', 'B8'],
    ['postcode', withOrg({ postcode: 'SW1A 1XX1' }), 'INVALID_POSTCODE', 'B9'],
    ['phone', withOrg({ phone: '12345' }), 'INVALID_PHONE', 'B10'],
    ['email', withOrg({ email: 'office at firm' }), 'INVALID_EMAIL', 'B11'],
    ['LAA format', withOrg({ laa: '123456' }), 'INVALID_LAA_NUMBER', 'B12'],
    ['SRA format', withOrg({ sra: 'SRA12' }), 'INVALID_SRA_NUMBER', 'B13'],
    ['BSB format', withOrg({ bsb: 'AB-1234567' }), 'INVALID_BSB_NUMBER', 'B14'],
    ['no registration number', withOrg({ laa: null, sra: null }), 'IDENTIFIER_MISSING', 'B12'],
    ['unknown court', withOrg({ court2: 'Gotham Crown Court' }), 'COURT_UNKNOWN', 'B16'],
    ['ambiguous court', withOrg({ court2: 'Birmingham' }), 'COURT_AMBIGUOUS', 'B16'],
    ['no court', withOrg({ court1: null, court2: null }), 'COURT_MISSING', 'B15'],
    ['administrator name', withOrg({ adminName: null }), 'REQUIRED', 'B25'],
    ['administrator job title', withOrg({ adminJobTitle: null }), 'REQUIRED', 'B26'],
    ['administrator email', withOrg({ adminEmail: 'priya@' }), 'INVALID_EMAIL', 'B27'],
    ['administrator phone', withOrg({ adminPhone: '0800' }), 'INVALID_PHONE', 'B28'],
    ['signature', withOrg({ signatureName: null }), 'REQUIRED', 'B29'],
    ['date', withOrg({ signatureDate: '31/02/2026' }), 'INVALID_DATE', 'B30'],
    ['future date', withOrg({ signatureDate: '26/11/2026' }), 'DATE_IN_FUTURE', 'B30'],
  ])('%s', (_name, spec, code, cell) => {
    const result = check(spec);
    expect(result.valid).toBe(false);
    const found = result.findings.find((f) => f.code === code);
    expect(found).toMatchObject({ severity: 'error', tab: 'Organisation details input', cell });
    expect(found?.message).toContain(`In the Organisation details input section, cell ${cell}`);
  });

  it('says "did you mean" for a near-miss court and organisation type', () => {
    const court = check(withOrg({ court2: 'Southwork Crown Court' })).findings[0];
    expect(court?.suggestion).toContain('Did you mean "Southwark Crown Court"?');
    const type = check(withOrg({ organisationType: 'Solicitor firms' })).findings[0];
    expect(type?.suggestion).toContain(`Did you mean "Solicitors' firm"?`);
  });

  it('accepts any one registration number on its own', () => {
    for (const only of ['laa', 'sra', 'bsb'] as const) {
      const ids = { laa: null, sra: null, bsb: null, [only]: { laa: '2A123B', sra: '612345', bsb: '12345' }[only] };
      expect(check(withOrg(ids)).valid, only).toBe(true);
    }
  });

  it('takes several courts typed into one cell', () => {
    const result = check(withOrg({ court1: "Westminster Magistrates' Court; Thames Magistrates' Court, Leeds Crown Court", court2: null }));
    expect(result.registration?.courts).toEqual(['B01LY00', 'B01ED00', '429']);
  });

  it('treats N/A and the like as blank', () => {
    expect(check(withOrg({ bsb: 'N/A', addressLine2: '-' })).valid).toBe(true);
    expect(check(withOrg({ town: 'n/a' })).findings.map((f) => f.code)).toEqual(['REQUIRED']);
    expect(check(withUser(2, 5, 'N/A')).valid).toBe(true);
  });

  it('accepts the date in other spellings and today', () => {
    for (const date of ['2026-11-25', '25 November 2026', '25-Nov-26', '1.3.2026']) expect(check(withOrg({ signatureDate: date })).valid, date).toBe(true);
  });

  it('quotes sender text short and without control characters', () => {
    const finding = check(withOrg({ postcode: `\u202E<b>${'x'.repeat(100)}` })).findings[0];
    expect(finding?.message).not.toContain('\u202E');
    expect(finding?.message.length).toBeLessThan(160);
  });
});

describe('user details', () => {
  it.each([
    ['first name', withUser(1, 0, null), 'REQUIRED', 'A36'],
    ['last name', withUser(1, 1, null), 'REQUIRED', 'B36'],
    ['email', withUser(1, 2, 'tom.okafor'), 'INVALID_EMAIL', 'C36'],
    ['mobile, a landline', withUser(1, 3, '020 7946 0000'), 'INVALID_MOBILE', 'D36'],
    ['mobile missing', withUser(1, 3, null), 'REQUIRED', 'D36'],
    ['role', withUser(1, 4, 'Judge'), 'INVALID_ROLE', 'E36'],
    ['second role', withUser(1, 5, 'Advocat; Clerk'), 'INVALID_ROLE', 'F36'],
    ['email twice', withUser(2, 2, 'TOM.OKAFOR@kestrelhart.example.co.uk'), 'DUPLICATE_EMAIL', 'C37'],
  ])('%s', (_name, spec, code, cell) => {
    const found = check(spec).findings.find((f) => f.code === code);
    expect(found).toMatchObject({ severity: 'error', tab: 'User details input', cell });
  });

  it('needs at least one organisation administrator', () => {
    expect(codes(withUser(0, 4, 'Defence lawyer'))).toEqual(['NO_ORGANISATION_ADMINISTRATOR']);
  });

  it('needs at least one user', () => {
    expect(codes({ users: [] })).toEqual(['NO_USERS']);
  });

  it('lets a sole barrister list exactly one user', () => {
    expect(codes({ organisation: SOLE_BARRISTER, users: [...SOLE_BARRISTER_USERS, GOOD_USERS[1] ?? []] })).toEqual(['SOLE_BARRISTER_USERS']);
  });

  it('warns, without rejecting, when two users share a mobile number', () => {
    const result = check(withUser(2, 3, '07700 900102'));
    expect(result.valid).toBe(true);
    expect(result.findings.map((f) => [f.code, f.severity, f.cell])).toEqual([['MOBILE_REPEATED', 'warning', 'D37']]);
  });

  it('warns, without rejecting, when someone other than the administrator signs', () => {
    expect(check(withOrg({ signatureName: 'priya  NATARAJAN' })).findings).toEqual([]);
    const result = check(withOrg({ signatureName: 'Tom Okafor' }));
    expect(result.valid).toBe(true);
    expect(result.findings.map((f) => [f.code, f.severity, f.cell])).toEqual([['SIGNATURE_NOT_ADMINISTRATOR', 'warning', 'B29']]);
  });

  it('warns, without rejecting, when the account administrator is not a user', () => {
    const result = check(withOrg({ adminEmail: 'someone.else@kestrelhart.example.co.uk' }));
    expect(result.valid).toBe(true);
    expect(result.findings.map((f) => [f.code, f.severity, f.cell])).toEqual([['ADMINISTRATOR_NOT_A_USER', 'warning', 'B27']]);
  });

  it('normalises mobiles to E.164 however they are written', () => {
    for (const mobile of ['+44 7700 900102', '0044 (0)7700-900102', 7700900102, '447700900102']) {
      expect(check(withUser(1, 3, mobile)).registration?.users[1]?.mobileE164, String(mobile)).toBe('+447700900102');
    }
  });

  it('accepts several roles in one cell, in any case', () => {
    const result = check(withUser(1, 4, 'defence lawyer, ADVOCATE and organisation admin'));
    expect(result.registration?.users[1]?.roles).toEqual(['defence-lawyer', 'advocate', 'organisation-administrator']);
  });
});
