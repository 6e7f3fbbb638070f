import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import ExcelJS from 'exceljs';
import officeCrypto from 'officecrypto-tool';
import { csvForm, xlsxForm } from '../src/form/testing/form-builder.js';
import { messyWorkbook } from '../src/form/testing/messy-workbook.js';
import { GOOD_ORGANISATION, GOOD_USERS, SOLE_BARRISTER, SOLE_BARRISTER_USERS } from '../src/form/testing/sample-answers.js';

/**
 * Writes test/fixtures/forms: filled-in forms built from the committed template, awkward real-world
 * variants, and copies re-saved by LibreOffice (skipped with a message when soffice is not installed).
 * Run: npx tsx scripts/generate-form-fixtures.ts
 */
const folder = join(import.meta.dirname, '..', 'test', 'fixtures', 'forms');
const libre = join(folder, 'libreoffice');
mkdirSync(libre, { recursive: true });
const write = (name: string, content: Buffer | Uint8Array): void => {
  writeFileSync(join(folder, name), content);
  process.stdout.write(`wrote ${name}\n`);
};

const accented = { ...GOOD_ORGANISATION, organisationName: 'Brontë & O’Neill Solicitors' };
const accentedUsers = [...GOOD_USERS, ['Zoë', 'Brontë', 'zoe.bronte@kestrelhart.example.co.uk', '07700 900104', 'Advocate', null]];

write('good-solicitors.xlsx', await xlsxForm());
write('good-sole-barrister.xlsx', await xlsxForm({ organisation: SOLE_BARRISTER, users: SOLE_BARRISTER_USERS }));
write('good-solicitors.csv', csvForm());
write('good-utf8-no-bom.csv', csvForm({ organisation: accented, users: accentedUsers }, { encoding: 'utf8' }));
write('good-windows-1252-semicolon.csv', csvForm({ organisation: accented, users: accentedUsers }, { delimiter: ';', encoding: 'windows-1252' }));
write('good-utf16.csv', csvForm({ organisation: accented, users: accentedUsers }, { encoding: 'utf16le', delimiter: '\t' }));
write('messy-real-world.xlsx', await messyWorkbook());
write(
  'many-problems.xlsx',
  await xlsxForm({
    organisation: { ...GOOD_ORGANISATION, postcode: 'WC2A 1LLL', court2: 'Southwork Crown Court', signatureDate: '01/01/2031' },
    users: [GOOD_USERS[1] ?? [], ['Ann', 'Lee', 'tom.okafor@kestrelhart.example.co.uk', '020 7946 0000', 'Clerk', null]],
  }),
);
write('outdated-version.xlsx', await xlsxForm({ version: '2023.2' }));
write('missing-user-tab.xlsx', await xlsxForm({}, (book) => book.removeWorksheet(book.getWorksheet('User details input')?.id ?? -1)));
const foreign = new ExcelJS.Workbook();
foreign.addWorksheet('Sheet1').addRows([
  ['Name', 'Email'],
  ['Jane', 'jane@example.com'],
]);
write('foreign-workbook.xlsx', Buffer.from(await foreign.xlsx.writeBuffer()));

// A macro-enabled copy: the same parts plus a VBA project, declared as such in the content types.
const parts = unzipSync(readFileSync(join(folder, 'good-solicitors.xlsx')));
const types = Buffer.from(parts['[Content_Types].xml'] ?? new Uint8Array())
  .toString('utf8')
  .replace('spreadsheetml.sheet.main+xml', 'sheet.macroEnabled.main+xml');
write('macro-enabled.xlsm', zipSync({ ...parts, '[Content_Types].xml': Buffer.from(types), 'xl/vbaProject.bin': new Uint8Array(64) }));

// A workbook encrypted with a password as Excel does it (agile encryption in an OLE compound file).
write('password-protected.xlsx', await officeCrypto.encrypt(readFileSync(join(folder, 'good-solicitors.xlsx')), { password: 'correct horse' }));

function soffice(source: string, format: string, outdir: string): void {
  const run = spawnSync('soffice', ['--headless', '--convert-to', format, '--outdir', outdir, join(folder, source)], { encoding: 'utf8', timeout: 120_000 });
  if (run.error || run.status !== 0) throw new Error(`soffice failed on ${source}: ${run.error?.message ?? run.stderr}`);
  process.stdout.write(`converted ${source} to ${format} in ${outdir}\n`);
}

if (spawnSync('soffice', ['--version']).error) {
  process.stdout.write('soffice not found: LibreOffice copies not regenerated (apt-get install libreoffice-calc-nogui)\n');
} else {
  for (const name of ['good-solicitors.xlsx', 'messy-real-world.xlsx', 'many-problems.xlsx', 'good-sole-barrister.xlsx']) soffice(name, 'xlsx', libre);
  soffice('good-solicitors.xlsx', 'xls', libre);
  soffice('good-solicitors.xlsx', 'ods', libre);
}
