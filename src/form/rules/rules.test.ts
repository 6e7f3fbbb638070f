import { describe, expect, it } from 'vitest';
import { checkForm } from '../check-form.js';
import { csvForm, xlsxForm, type FormSpec } from '../testing/form-builder.js';
import { inEnglish } from '../testing/in-english.js';
import { GOOD_ORGANISATION, GOOD_USERS, SOLE_BARRISTER, SOLE_BARRISTER_USERS, type AnswerValue } from '../testing/sample-answers.js';

const NOW = new Date('2026-11-25T10:00:00Z');
const check = (spec: FormSpec) => inEnglish(checkForm({ filename: 'form.csv', content: csvForm(spec) }, NOW));
const withOrg = (changes: Record<string, AnswerValue>): FormSpec => ({ organisation: { ...GOOD_ORGANISATION, ...changes } });
const withUser = (index: number, column: number, value: AnswerValue): FormSpec => ({
  users: GOOD_USERS.map((row, i) => (i === index ? row.map((v, c) => (c === column ? value : v)) : row)),
});
const codes = (spec: FormSpec) =>
  check(spec)
    .findings.filter((f) => f.severity === 'error')
    .map((f) => f.code);

describe('a good form', () => {
  it('gives a normalised registration and no findings', () => {
    const result = check({});
    expect(result.findings).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.registration).toMatchObject({
      formVersion: '2026.1',
      organisation: {
        type: 'solicitors-firm',
        phone: '+442079460123',
        address: { postcode: 'WC2A 1LL', line2: null },
      },
      identifiers: { laa: '2A123B', sra: '612345' },
      courts: ['B01LY00', '471'],
      administrator: { name: 'Priya Natarajan', email: 'priya.natarajan@kestrelhart.example.co.uk', phone: '+442079460124' },
      terms: { signedName: 'Priya Natarajan', signedOn: '2026-11-20' },
    });
    expect(result.registration?.users[1]).toEqual({
      firstName: 'Tom',
      lastName: 'Okafor',
      email: 'tom.okafor@kestrelhart.example.co.uk',
      mobileE164: '+447700900102',
      roles: ['defence-lawyer', 'advocate'],
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

  it('points a missing registration number at all three number cells', () => {
    const found = check(withOrg({ laa: null, sra: null })).findings.find((f) => f.code === 'IDENTIFIER_MISSING');
    expect(found).toMatchObject({
      severity: 'error',
      tab: 'Organisation details input',
      cell: 'B12',
      cells: ['B12', 'B13', 'B14'],
      field: 'Registration numbers',
    });
    expect(found?.message).toBe(
      'In the Organisation details input section, cells B12 to B14 (Registration numbers): Give at least one of your LAA account number, SRA number or Bar Standards Board number.',
    );
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

  it('needs at least one organisation administrator, and points at every user’s role', () => {
    const result = check(withUser(0, 4, 'Defence lawyer'));
    expect(codes(withUser(0, 4, 'Defence lawyer'))).toEqual(['NO_ORGANISATION_ADMINISTRATOR']);
    expect(result.findings[0]).toMatchObject({ tab: 'User details input', cell: 'E35', cells: ['E35', 'E36', 'E37'], field: 'Role' });
    expect(result.findings[0]?.message).toMatch(/^In the User details input section, cells E35 to E37 \(Role\): No user has the role/);
  });

  it('needs at least one user', () => {
    expect(codes({ users: [] })).toEqual(['NO_USERS']);
  });

  it('lets a sole barrister list exactly one user, and points at the rows after the first', () => {
    expect(codes({ organisation: SOLE_BARRISTER, users: [...SOLE_BARRISTER_USERS, GOOD_USERS[1] ?? []] })).toEqual(['SOLE_BARRISTER_USERS']);
    expect(check({ organisation: SOLE_BARRISTER, users: [...SOLE_BARRISTER_USERS, GOOD_USERS[1] ?? []] }).findings[0]).toMatchObject({ cell: 'A36' });
    const three = check({ organisation: SOLE_BARRISTER, users: [...SOLE_BARRISTER_USERS, GOOD_USERS[1] ?? [], GOOD_USERS[2] ?? []] }).findings[0];
    expect(three).toMatchObject({ code: 'SOLE_BARRISTER_USERS', tab: 'User details input', cell: 'A36', cells: ['A36', 'A37'] });
    expect(three?.message).toMatch(/^In the User details input section, cells A36 and A37: A self-employed/);
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

  it('reads a role written in other words only with a warning that says how it was read', () => {
    const result = check(withUser(2, 4, 'Paralegal'));
    expect(result.valid).toBe(true);
    expect(result.registration?.users[2]?.roles).toEqual(['support-staff']);
    expect(result.findings).toEqual([
      {
        severity: 'warning',
        tab: 'User details input',
        cell: 'E37',
        field: 'Role',
        code: 'ROLE_READ_AS',
        message:
          'In the User details input section, cell E37 (Role): "Paralegal" is not one of the roles, so we have read it as "Support staff". The role decides what this person can see on Common Platform.',
        suggestion:
          'If "Support staff" is not right, choose their role from the list: "Organisation administrator", "Advocate", "Defence lawyer", "Support staff".',
      },
    ]);
  });

  it('warns for each role in other words, in either role column, and not for a label in other letter case', () => {
    const result = check({
      users: [GOOD_USERS[0] ?? [], ['Tom', 'Okafor', 'tom.okafor@kestrelhart.example.co.uk', '07700 900102', 'defence LAWYER', 'Counsel; Admin']],
    });
    expect(result.findings.map((f) => [f.code, f.cell, f.message.replace(/^.*?: /, '').split(',')[0]])).toEqual([
      ['ROLE_READ_AS', 'F36', '"Counsel" is not one of the roles'],
      ['ROLE_READ_AS', 'F36', '"Admin" is not one of the roles'],
    ]);
    expect(result.registration?.users[1]?.roles).toEqual(['defence-lawyer', 'advocate', 'organisation-administrator']);
  });

  it('accepts several roles in one cell, in any case', () => {
    const result = check(withUser(1, 4, 'defence lawyer, ADVOCATE and organisation admin'));
    expect(result.registration?.users[1]?.roles).toEqual(['defence-lawyer', 'advocate', 'organisation-administrator']);
  });
});

describe('answers shown again in staff exports', () => {
  const found = (spec: FormSpec) => check(spec).findings.map((f) => [f.code, f.cell]);

  it.each([
    ['organisation name', withOrg({ organisationName: `=cmd|' /C calc'!A0` }), 'B4', "'='"],
    ['town', withOrg({ town: '@SUM(1+1)' }), 'B8', "'@'"],
    ['administrator job title', withOrg({ adminJobTitle: '+Practice manager' }), 'B26', "'+'"],
    ['signature, after spaces', withOrg({ signatureName: '  =HYPERLINK("http://attacker.example")' }), 'B29', "'='"],
    ['first name', withUser(1, 0, '-2+3+cmd|" /C calc"!A0'), 'A36', "'-'"],
    ['last name, after a tab', withUser(1, 1, '\t=1+1'), 'B36', 'a Tab character'],
    ['last name, after a carriage return', withUser(1, 1, '\rOkafor'), 'B36', 'a line break'],
    ['email address', withUser(1, 2, "=cmd|'/Ccalc'!A0@kestrelhart.example.co.uk"), 'C36', "'='"],
  ])('rejects a formula-like %s', (_name, spec, cell, start) => {
    const result = check(spec);
    expect(result.valid).toBe(false);
    expect(result.findings.map((f) => [f.code, f.cell])).toEqual([['STARTS_LIKE_FORMULA', cell]]);
    expect(result.findings[0]?.message).toContain(`starts with ${start}, which spreadsheets can take for the start of a formula.`);
    expect(result.findings[0]?.suggestion).toBe(`Type it again without ${start} at the start.`);
  });

  it.each([
    ['right-to-left override', withOrg({ organisationName: '\u202Eyrotcaf\u202C محاماة' }), 'B4'],
    ['backspace', withOrg({ adminName: 'אבי\u0008 כהן' }), 'B25'],
    ['isolate', withOrg({ addressLine1: '12 \u2067Chancery\u2069 Lane' }), 'B6'],
    ['Arabic letter mark', withOrg({ town: 'London\u061C' }), 'B8'],
    ['left-to-right mark', withOrg({ adminJobTitle: 'Practice\u200E manager' }), 'B26'],
    ['zero-width space', withUser(1, 1, 'Oka\u200Bfor'), 'B36'],
    ['zero-width joiner', withUser(1, 0, 'T\u200Dom'), 'A36'],
    ['word joiner', withUser(1, 0, 'T\u2060om'), 'A36'],
    ['byte order mark', withUser(1, 0, '\uFEFFTom'), 'A36'],
    ['bell character', withUser(1, 0, 'T\u0007om'), 'A36'],
    ['C1 control', withUser(1, 1, 'Oka\u0085for'), 'B36'],
  ])('rejects a %s hidden in text', (_name, spec, cell) => {
    const result = check(spec);
    expect(result.valid).toBe(false);
    expect(result.findings.map((f) => [f.code, f.cell])).toEqual([['HIDDEN_CHARACTERS', cell]]);
    expect(result.findings[0]?.message).toContain('contains hidden characters that change how text is shown');
  });

  it('accepts phone numbers written with +44, and names, addresses and emails with symbols inside', () => {
    const result = check({
      organisation: {
        ...GOOD_ORGANISATION,
        organisationName: 'Smith-Jones & Partners (Cardiff) LLP',
        addressLine1: '12-14 Chancery Lane',
        addressLine2: 'Suite 3 = Floor 2',
        town: 'Llanfair-ym-Muallt',
        phone: '+44 20 7946 0123',
        adminPhone: '+44 (0)20 7946 0124',
        adminJobTitle: 'Partner @ Cardiff office',
      },
      users: [...GOOD_USERS, ['Zoë', "O'Brien-Łukasiewicz", 'zoe+cp@kestrelhart.example.co.uk', '+44 7700 900123', 'Advocate', null]],
    });
    expect(result.findings).toEqual([]);
    expect(result.registration?.organisation.phone).toBe('+442079460123');
    expect(result.registration?.users[3]).toMatchObject({ lastName: "O'Brien-Łukasiewicz", mobileE164: '+447700900123' });
  });

  it('accepts accented, Welsh, Arabic, Hebrew and Polish letters, and keeps a soft hyphen out of the name', () => {
    const users = [
      ['Siân', 'Ní Bhriain', 'sian@kestrelhart.example.co.uk', '07700 900101', 'Organisation administrator', null],
      ['سيان', 'אוונס', 'arabic@kestrelhart.example.co.uk', '07700 900102', 'Advocate', null],
      ['Łucja', 'Søren\u00ADsen', 'lucja@kestrelhart.example.co.uk', '07700 900103', 'Advocate', null],
      ['Dafydd', 'ap Gruffydd', 'dafydd@kestrelhart.example.co.uk', '07700 900104', 'Support staff', null],
    ];
    const result = check({
      organisation: { ...GOOD_ORGANISATION, adminName: 'Siân Ní Bhriain', signatureName: 'Siân Ní Bhriain', adminEmail: 'sian@kestrelhart.example.co.uk' },
      users,
    });
    expect(result.findings).toEqual([]);
    expect(result.registration?.users.map((u) => `${u.firstName} ${u.lastName}`)).toEqual([
      'Siân Ní Bhriain',
      'سيان אוונס',
      'Łucja Sørensen',
      'Dafydd ap Gruffydd',
    ]);
  });

  it('still counts a lone dash as blank, not as a formula', () => {
    expect(found(withOrg({ addressLine2: '-' }))).toEqual([]);
    expect(found(withOrg({ town: '--' }))).toEqual([['REQUIRED', 'B8']]);
  });

  it('finds the same in a workbook as in a CSV', async () => {
    const content = await xlsxForm({
      users: [['=HYPERLINK("http://attacker.example")', 'Oka\u200Bfor', ...(GOOD_USERS[0] ?? []).slice(2)], ...GOOD_USERS.slice(1)],
    });
    const result = checkForm({ filename: 'form.xlsx', content }, NOW);
    expect(result.findings.map((f) => [f.code, f.tab, f.cell])).toEqual([
      ['STARTS_LIKE_FORMULA', 'User details input', 'A5'],
      ['HIDDEN_CHARACTERS', 'User details input', 'B5'],
    ]);
  });
});
