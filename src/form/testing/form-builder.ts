import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { FORM_VERSION, LAYOUT, ORGANISATION_ROWS } from '../form-schema.js';
import type { Language } from '../messages/catalogue.js';
import { csvLine } from '../template/build-csv-template.js';
import { formWords } from '../template/form-words.js';
import { TEMPLATE_PATHS, WELSH_TEMPLATE_PATHS } from '../template/template-paths.js';
import { GOOD_ORGANISATION, GOOD_USERS, type AnswerValue } from './sample-answers.js';

/** Builds filled-in forms from the committed templates, for tests, fixtures and the bench. */
export interface FormSpec {
  organisation?: Record<string, AnswerValue>;
  users?: AnswerValue[][];
  version?: string;
  /** 'cy' fills in the Welsh form (cofrestru.xlsx): the same cells, labelled in Welsh. */
  language?: Language;
}

export const organisationRow = (key: string): number => LAYOUT.firstBodyRow + ORGANISATION_ROWS.findIndex((r) => 'key' in r && r.key === key);

export async function filledWorkbook(spec: FormSpec = {}): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  const welsh = spec.language === 'cy';
  await book.xlsx.load(readFileSync(welsh ? WELSH_TEMPLATE_PATHS.xlsx : TEMPLATE_PATHS.xlsx) as unknown as ExcelJS.Buffer);
  const { tabs } = formWords(spec.language ?? 'en');
  const org = book.getWorksheet(tabs.organisation);
  const users = book.getWorksheet(tabs.users);
  if (!org || !users) throw new Error('template lacks its input tabs');
  for (const [key, value] of Object.entries(spec.organisation ?? GOOD_ORGANISATION)) {
    if (value !== null) org.getCell(organisationRow(key), LAYOUT.organisation.answerColumn).value = value;
  }
  (spec.users ?? GOOD_USERS).forEach((row, i) =>
    row.forEach((value, c) => {
      if (value !== null) users.getCell(LAYOUT.firstBodyRow + i, c + 1).value = value;
    }),
  );
  if (spec.version !== undefined) {
    org.getCell(LAYOUT.versionRow, 2).value = spec.version;
    users.getCell(LAYOUT.versionRow, 2).value = spec.version;
  }
  return book;
}

export async function xlsxForm(spec: FormSpec = {}, mutate?: (book: ExcelJS.Workbook) => void): Promise<Buffer> {
  const book = await filledWorkbook(spec);
  mutate?.(book);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const text = (value: AnswerValue): string => (value === null ? '' : value instanceof Date ? value.toISOString().slice(0, 10) : String(value));

/** The CSV layout of the template with answers filled in, as lines of cells. */
export function csvRows(spec: FormSpec = {}): string[][] {
  const org = spec.organisation ?? GOOD_ORGANISATION;
  const version = spec.version ?? FORM_VERSION;
  const words = formWords(spec.language ?? 'en');
  return [
    [words.tabs.organisation],
    [words.versionLabel, version],
    [...words.headers],
    ...words.rows.flatMap((f) => ('key' in f ? [[f.shownLabel, text(org[f.key] ?? null)]] : [])),
    [],
    [words.tabs.users],
    [words.versionLabel, version],
    words.columns.map((c) => c.shownLabel),
    ...(spec.users ?? GOOD_USERS).map((row) => row.map(text)),
  ];
}

export function csvForm(spec: FormSpec = {}, options: { delimiter?: string; encoding?: 'utf8-bom' | 'utf8' | 'utf16le' | 'windows-1252' } = {}): Buffer {
  const delimiter = options.delimiter ?? ',';
  const body = csvRows(spec)
    .map((r) => csvLine(r, delimiter))
    .join('\r\n');
  return encode(`${body}\r\n`, options.encoding ?? 'utf8-bom');
}

function encode(text: string, encoding: string): Buffer {
  if (encoding === 'utf8') return Buffer.from(text, 'utf8');
  if (encoding === 'utf16le') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  if (encoding === 'windows-1252') return Buffer.from([...text].map((ch) => WINDOWS_1252[ch] ?? (ch.charCodeAt(0) < 256 ? ch.charCodeAt(0) : 63)));
  return Buffer.from(`\uFEFF${text}`, 'utf8');
}

// Characters where Windows-1252 differs from Latin-1 and that turn up in forms (curly quotes, dashes).
const WINDOWS_1252: Record<string, number> = { '\u2019': 0x92, '\u2018': 0x91, '\u201C': 0x93, '\u201D': 0x94, '\u2013': 0x96, '\u2014': 0x97, '\u20AC': 0x80 };
