import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { checkForm } from '../check-form.js';
import { FORM_VERSION, LAYOUT, TABS } from '../form-schema.js';
import { organisationRow } from '../testing/form-builder.js';
import { buildCsvTemplate } from './build-csv-template.js';
import { TEMPLATE_PATHS } from './template-paths.js';

async function committedWorkbook(): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(readFileSync(TEMPLATE_PATHS.xlsx) as unknown as ExcelJS.Buffer);
  return book;
}

describe('the committed templates (npx tsx scripts/generate-form-templates.ts)', () => {
  it('has the instructions, the two input tabs, the terms and the office-use tabs, in order', async () => {
    const book = await committedWorkbook();
    expect(book.worksheets.map((w) => [w.name, w.state])).toEqual([
      [TABS.instructions, 'visible'],
      [TABS.organisation, 'visible'],
      [TABS.users, 'visible'],
      [TABS.terms, 'visible'],
      [TABS.officeUse, 'visible'],
      [TABS.lists, 'hidden'],
    ]);
  });

  it('carries its version on both input tabs', async () => {
    const book = await committedWorkbook();
    for (const tab of [TABS.organisation, TABS.users]) expect(book.getWorksheet(tab)?.getCell(LAYOUT.versionRow, 2).value).toBe(FORM_VERSION);
  });

  it('offers drop-down lists for organisation type, courts and roles', async () => {
    const book = await committedWorkbook();
    const org = book.getWorksheet(TABS.organisation);
    const users = book.getWorksheet(TABS.users);
    expect(org?.getCell(organisationRow('organisationType'), 2).dataValidation).toMatchObject({ type: 'list', formulae: [`'${TABS.lists}'!$A$2:$A$4`] });
    expect(org?.getCell(organisationRow('court3'), 2).dataValidation?.formulae[0]).toMatch(/^'Lists \(office use\)'!\$C\$2:\$C\$\d+$/);
    expect(users?.getCell('E5').dataValidation).toMatchObject({ type: 'list', formulae: [`'${TABS.lists}'!$B$2:$B$5`] });
    expect(users?.getCell('F204').dataValidation?.type).toBe('list');
    expect(book.getWorksheet(TABS.lists)?.getCell('C41').value).toBeTruthy();
  });

  it('protects the labels and leaves the answer cells unlocked', async () => {
    const book = await committedWorkbook();
    const org = book.getWorksheet(TABS.organisation);
    const users = book.getWorksheet(TABS.users);
    // exceljs keeps the protection it read but leaves it out of its typings
    const protection = (sheet: unknown) => (sheet as { sheetProtection?: unknown }).sheetProtection;
    expect(protection(org)).toMatchObject({ sheet: true });
    expect(protection(users)).toMatchObject({ sheet: true });
    expect(org?.getCell(organisationRow('postcode'), 1).protection?.locked).not.toBe(false);
    expect(org?.getCell(organisationRow('postcode'), 2).protection?.locked).toBe(false);
    expect(users?.getCell('A5').protection?.locked).toBe(false);
    expect(users?.getCell('A4').protection?.locked).not.toBe(false);
    expect(org?.getCell(organisationRow('phone'), 2).numFmt).toBe('@'); // keeps the leading 0
  });

  it('are read back by the checker as the current, empty form', () => {
    for (const path of [TEMPLATE_PATHS.xlsx, TEMPLATE_PATHS.csv]) {
      const result = checkForm({ filename: path, content: readFileSync(path) }, new Date());
      expect(result.formVersion).toBe(FORM_VERSION);
      expect(result.findings.some((f) => f.code === 'NO_USERS')).toBe(true);
      expect(result.findings.every((f) => !/FORM_|TAB_|LABEL|COLUMN/.test(f.code))).toBe(true);
    }
  });

  it('match the schema: the CSV is exactly what the generator writes', () => {
    expect(readFileSync(TEMPLATE_PATHS.csv).equals(buildCsvTemplate())).toBe(true);
  });
});
