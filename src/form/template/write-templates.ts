import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Language } from '../messages/catalogue.js';
import { buildCsvTemplate } from './build-csv-template.js';
import { buildWorkbookTemplate } from './build-workbook-template.js';
import { TEMPLATE_PATHS, WELSH_TEMPLATE_PATHS } from './template-paths.js';

const NAMES: Record<Language, { xlsx: string; csv: string }> = {
  en: { xlsx: basename(TEMPLATE_PATHS.xlsx), csv: basename(TEMPLATE_PATHS.csv) },
  cy: { xlsx: basename(WELSH_TEMPLATE_PATHS.xlsx), csv: basename(WELSH_TEMPLATE_PATHS.csv) },
};

/** Writes registration.xlsx and .csv, and the Welsh cofrestru.xlsx and .csv, into a folder; returns their paths. */
export async function writeTemplates(folder: string): Promise<string[]> {
  await mkdir(folder, { recursive: true });
  const paths: string[] = [];
  for (const language of ['en', 'cy'] as const) {
    const xlsx = join(folder, NAMES[language].xlsx);
    const csv = join(folder, NAMES[language].csv);
    await writeFile(xlsx, await buildWorkbookTemplate(language));
    await writeFile(csv, buildCsvTemplate(language));
    paths.push(xlsx, csv);
  }
  return paths;
}
