import { describe, expect, it } from 'vitest';
import { makeFinding, type FindingCode, type FindingParams } from '../findings.js';
import { LANGUAGES } from './catalogue.js';
import { FINDING_LANGUAGES, renderFinding } from './render-finding.js';

// One example per code; the type makes the list complete, so a new code cannot go untested.
const EXAMPLES: { [C in FindingCode]: FindingParams[C] } = {
  FILE_EMPTY: {},
  FILE_TOO_LARGE: {},
  FILE_LEGACY_XLS: {},
  FILE_MACRO_ENABLED: {},
  FILE_ODS: {},
  FILE_NUMBERS: {},
  FILE_ENCRYPTED: {},
  FILE_WORD_DOCUMENT: {},
  FILE_PDF: {},
  FILE_NOT_SPREADSHEET: {},
  FILE_CORRUPT: {},
  FILE_ZIP_BOMB: {},
  FILE_XML_BOMB: {},
  FILE_TOO_MANY_ROWS: {},
  FILE_TIMEOUT: {},
  FILE_TOO_COMPLEX: {},
  FILE_CHECK_FAILED: {},
  FORM_NOT_RECOGNISED: { tabs: ['"Sheet1"'], moreTabs: 2 },
  FORM_OUTDATED: { version: '"2023.2"', accepted: '2026.1' },
  FORM_LAYOUT_CHANGED: {},
  TAB_MISSING: { missing: 'User details input', tabs: ['"Organisation details input"'], moreTabs: 0 },
  FORM_VERSION_MISSING: {},
  FIELD_LABEL_MISSING: {},
  COLUMN_MISSING: { headerRow: 4 },
  REQUIRED: { fieldKey: 'postcode' },
  STARTS_LIKE_FORMULA: { start: '\t' },
  HIDDEN_CHARACTERS: {},
  TOO_LONG: { length: 250, max: 200 },
  INVALID_POSTCODE: { value: '"SW1A"' },
  INVALID_PHONE: { value: '"123"' },
  INVALID_MOBILE: { value: '"020"' },
  INVALID_EMAIL: { value: '"a@"' },
  INVALID_LAA_NUMBER: { value: '"X"' },
  INVALID_SRA_NUMBER: { value: '"X"' },
  INVALID_BSB_NUMBER: { value: '"X"' },
  INVALID_ORGANISATION_TYPE: { value: '"Firm"', nearest: 'solicitors-firm' },
  INVALID_DATE: { value: '"soon"' },
  DATE_IN_FUTURE: { date: '2026-12-25' },
  SIGNATURE_NOT_ADMINISTRATOR: { signedName: '"A"', administratorName: '"B"' },
  IDENTIFIER_MISSING: {},
  COURT_REPEATED: { court: 'Southwark Crown Court' },
  COURT_AMBIGUOUS: { value: '"Cardiff"', candidates: ['Cardiff Crown Court', "Cardiff Magistrates' Court"] },
  COURT_UNKNOWN: { value: '"Atlantis"', suggestions: [] },
  COURT_MISSING: {},
  NO_USERS: {},
  TOO_MANY_USERS: { count: 1200, max: 1000 },
  DUPLICATE_EMAIL: { value: '"a@b.uk"', firstRow: 5 },
  MOBILE_REPEATED: { firstRow: 5 },
  NO_ORGANISATION_ADMINISTRATOR: {},
  ADMINISTRATOR_NOT_A_USER: {},
  SOLE_BARRISTER_USERS: { count: 2 },
  ROLE_READ_AS: { value: '"Paralegal"', role: 'support-staff' },
  INVALID_ROLE: { value: '"Boss"', nearest: null },
  MORE_PROBLEMS: { count: 3 },
  INTERNAL_CHECK_FAILED: {},
};
const findings = (Object.keys(EXAMPLES) as FindingCode[]).map((code) =>
  makeFinding('error', code, { tab: 'Organisation details input', cell: 'B9', field: 'Postcode' }, EXAMPLES[code] as never),
);

describe('the message catalogues', () => {
  it('have a message for every code in every language', () => {
    for (const language of LANGUAGES) {
      expect(Object.keys(FINDING_LANGUAGES[language].messages).sort()).toEqual(Object.keys(EXAMPLES).sort());
      for (const f of findings) expect(renderFinding(f, language).problem, `${language} ${f.code}`).toMatch(/\S/);
    }
  });

  it('say every finding in Welsh in words of its own, not the English', () => {
    for (const f of findings) {
      const [en, cy] = [renderFinding(f, 'en'), renderFinding(f, 'cy')];
      expect(cy.problem, f.code).not.toBe(en.problem);
      if (en.suggestion && !/^For example/.test(en.suggestion)) expect(cy.suggestion, f.code).not.toBe(en.suggestion);
    }
  });

  it('name the tab, cells and field in the reader’s language, and a CSV’s sections as such', () => {
    const finding = makeFinding(
      'error',
      'NO_ORGANISATION_ADMINISTRATOR',
      { tab: 'User details input', cell: 'E5', cells: ['E5', 'E6', 'E7', 'A9'], field: 'Role' },
      {},
    );
    expect(renderFinding(finding, 'cy').message).toMatch(
      /^Ar y tab Manylion defnyddwyr, celloedd E5 i E7 ac A9 \(Rôl\): Nid oes gan unrhyw ddefnyddiwr y rôl "Gweinyddwr y sefydliad"/,
    );
    expect(renderFinding({ ...finding, inCsv: true }, 'cy').message).toMatch(/^Yn adran Manylion defnyddwyr, celloedd/);
    expect(renderFinding({ ...finding, inCsv: true }, 'en').message).toMatch(/^In the User details input section, cells E5 to E7 and A9 \(Role\): /);
    const required = makeFinding('error', 'REQUIRED', { tab: 'Organisation details input', cell: 'B9', field: 'Postcode' }, { fieldKey: 'postcode' });
    expect(renderFinding(required, 'cy')).toMatchObject({
      message: "Ar y tab Manylion y sefydliad, cell B9 (Cod post): Rhaid llenwi hwn, ond mae'n wag.",
      suggestion: 'Cod post yn y DU, er enghraifft SW1A 1AA.',
    });
  });

  it('links the Welsh reader to the Welsh form', () => {
    const { suggestion } = renderFinding(makeFinding('error', 'FILE_EMPTY', { tab: null, cell: null, field: null }, {}), 'cy', {
      baseUrl: 'https://x.example',
    });
    expect(suggestion).toContain('https://x.example/forms/cofrestru.xlsx');
  });

  it('still shows a finding stored with its English text before findings were codes', () => {
    const old = {
      severity: 'error' as const,
      tab: 'Organisation details input',
      cell: 'B9',
      field: 'Postcode',
      code: 'INVALID_POSTCODE',
      message: 'On the Organisation details input tab, cell B9 (Postcode): "X" is not a valid UK postcode.',
      suggestion: 'Enter the full postcode.',
    };
    expect(renderFinding(old, 'en')).toMatchObject({
      message: old.message,
      problem: '"X" is not a valid UK postcode.',
      suggestion: 'Enter the full postcode.',
    });
    expect(renderFinding({ ...old, code: 'GONE', params: {} } as never, 'en').message).toContain('GONE');
  });
});
