import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { annotate } from '../annotate/annotate-form.js';
import { checkForm } from '../check-form.js';
import { describeFinding } from '../messages/render-finding.js';
import { snapshot } from '../testing/xlsx-snapshot.js';
import { FORM_VERSION, LAYOUT, ORGANISATION_FIELDS, USER_COLUMNS } from '../form-schema.js';
import { WELSH_HEADINGS, WELSH_ORGANISATION_FIELDS, WELSH_TABS, WELSH_USER_COLUMNS } from '../form-schema-cy.js';
import { csvForm, organisationRow, xlsxForm } from '../testing/form-builder.js';
import { WELSH_ORGANISATION, WELSH_USERS } from '../testing/sample-answers.js';
import { buildCsvTemplate } from './build-csv-template.js';
import { TEMPLATE_PATHS, WELSH_TEMPLATE_PATHS } from './template-paths.js';

const NOW = new Date('2026-11-25T10:00:00Z');
const load = async (path: string) => {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(readFileSync(path) as unknown as ExcelJS.Buffer);
  return book;
};

describe('the Welsh form (cofrestru.xlsx and .csv)', () => {
  it('has every field, heading and choice in Welsh', () => {
    for (const f of ORGANISATION_FIELDS) expect(WELSH_ORGANISATION_FIELDS[f.key]?.label, f.key).toBeTruthy();
    for (const c of USER_COLUMNS) expect(WELSH_USER_COLUMNS[c.key]?.label, c.key).toBeTruthy();
    expect(WELSH_HEADINGS).toHaveLength(5);
  });

  it('puts every answer in the same cell as the English form, with its Welsh label beside it', async () => {
    const [english, welsh] = await Promise.all([load(TEMPLATE_PATHS.xlsx), load(WELSH_TEMPLATE_PATHS.xlsx)]);
    expect(welsh.worksheets.map((w) => w.name)).toEqual(Object.values(WELSH_TABS));
    const [enOrg, cyOrg] = [english.worksheets[1], welsh.getWorksheet(WELSH_TABS.organisation)];
    for (const f of ORGANISATION_FIELDS) {
      const row = organisationRow(f.key);
      expect(String(cyOrg?.getCell(row, 1).value)).toBe(WELSH_ORGANISATION_FIELDS[f.key]?.label + (f.required ? ' *' : ''));
      expect(cyOrg?.getCell(row, 2).dataValidation?.type, f.key).toBe(enOrg?.getCell(row, 2).dataValidation?.type);
      expect(cyOrg?.getCell(row, 2).numFmt, f.key).toBe(enOrg?.getCell(row, 2).numFmt);
    }
    const cyUsers = welsh.getWorksheet(WELSH_TABS.users);
    USER_COLUMNS.forEach((c, i) => expect(String(cyUsers?.getCell(LAYOUT.headerRow, i + 1).value)).toMatch(new RegExp(`^${WELSH_USER_COLUMNS[c.key]?.label}`)));
    expect(cyUsers?.getCell('E5').dataValidation?.formulae[0]).toBe(`'${WELSH_TABS.lists}'!$B$2:$B$5`);
    expect(welsh.getWorksheet(WELSH_TABS.lists)?.getCell('B2').value).toBe('Gweinyddwr y sefydliad');
  });

  it('are read back as the current, empty form, in Welsh', () => {
    for (const path of [WELSH_TEMPLATE_PATHS.xlsx, WELSH_TEMPLATE_PATHS.csv]) {
      const result = checkForm({ filename: path, content: readFileSync(path) }, NOW);
      expect(result).toMatchObject({ formVersion: FORM_VERSION, language: 'cy' });
      expect(result.findings.some((f) => f.code === 'NO_USERS')).toBe(true);
      expect(result.findings.every((f) => !/FORM_|TAB_|LABEL|COLUMN/.test(f.code))).toBe(true);
    }
    expect(readFileSync(WELSH_TEMPLATE_PATHS.csv).equals(buildCsvTemplate('cy'))).toBe(true);
  });

  it.each(['xlsx', 'csv'] as const)(
    'filled in (%s), gives the same registration as the English form would, its Welsh choices read as the canonical values',
    async (kind) => {
      const spec = { language: 'cy' as const, organisation: WELSH_ORGANISATION, users: WELSH_USERS };
      const content = kind === 'xlsx' ? await xlsxForm(spec) : csvForm(spec);
      const result = checkForm({ filename: `ffurflen.${kind}`, content }, NOW);
      expect(result.findings).toEqual([]);
      expect(result.language).toBe('cy');
      expect(result.registration).toMatchObject({
        organisation: { type: 'solicitors-firm', name: 'Cyfreithwyr Glan-y-Môr', address: { town: 'Caerdydd', postcode: 'CF10 2BH' } },
        users: [{ roles: ['organisation-administrator'] }, { roles: ['defence-lawyer', 'advocate'] }, { roles: ['support-staff'] }],
      });
    },
  );

  it('an English form is read as English', async () => {
    expect(checkForm({ filename: 'form.xlsx', content: await xlsxForm() }, NOW).language).toBe('en');
  });

  it('filled in by another program (openpyxl), is read by the same schema, and its copy is marked in Welsh', async () => {
    const file = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'forms', 'producers', 'openpyxl-cy.xlsx');
    const input = { filename: 'ffurflen.xlsx', content: readFileSync(file) };
    const result = checkForm(input, NOW);
    expect(result.language).toBe('cy');
    expect(result.findings.map((f) => [f.code, f.tab, f.cell])).toEqual([
      ['INVALID_POSTCODE', 'Organisation details input', 'B11'],
      ['INVALID_EMAIL', 'User details input', 'C6'],
      ['INVALID_MOBILE', 'User details input', 'D7'],
    ]);
    expect(describeFinding(result.findings[0]!, 'cy')).toBe(
      'Ar y tab Manylion y sefydliad, cell B11 (Cod post): Nid yw "CF10 2BHH" yn god post dilys yn y DU.',
    );
    const copy = await annotate(input, result.findings, { language: 'cy' });
    expect(copy?.filename).toBe('ffurflen - angen cywiro.xlsx');
    // openpyxl keeps notes where exceljs cannot read them, so the copy is read part by part.
    const marked = snapshot(copy?.content ?? new Uint8Array());
    expect(marked.sheets.get(WELSH_TABS.users)?.notes.get('C6')).toContain('yn gyfeiriad e-bost');
    const problems = marked.sheets.get("Problemau i'w cywiro");
    const text = (ref: string) => problems?.cells.get(ref)?.content.replace(/^.*>/, '');
    expect(['A1', 'B1', 'C1', 'D1', 'E1', 'F1'].map(text)).toEqual(['Tab', 'Cell', 'Maes', "Beth i'w gywiro", 'Sut', 'Difrifoldeb']);
    expect(['A2', 'B2', 'C2', 'F2'].map(text)).toEqual(['Manylion y sefydliad', 'B11', 'Cod post', 'gwall']);
  });
});
