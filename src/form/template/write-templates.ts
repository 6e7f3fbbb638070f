import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildCsvTemplate } from './build-csv-template.js';
import { buildWorkbookTemplate } from './build-workbook-template.js';

/** Writes registration.xlsx and registration.csv into a folder; returns their paths. */
export async function writeTemplates(folder: string): Promise<string[]> {
  await mkdir(folder, { recursive: true });
  const xlsx = join(folder, 'registration.xlsx');
  const csv = join(folder, 'registration.csv');
  await writeFile(xlsx, await buildWorkbookTemplate());
  await writeFile(csv, buildCsvTemplate());
  return [xlsx, csv];
}
