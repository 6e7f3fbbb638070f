import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkForm } from '../check-form.js';
import { replaceParts, understateSize } from '../testing/zip-tools.js';
import { annotate } from './annotate-form.js';

const FORM = readFileSync(join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'forms', 'many-problems.xlsx'));
const FINDINGS = checkForm({ filename: 'form.xlsx', content: FORM }, new Date('2026-11-25T10:00:00Z')).findings;
const ORGANISATION_PART = 'xl/worksheets/sheet2.xml';

describe('annotate on files it cannot mark safely', () => {
  it('gives no copy when a part to edit is not well-formed XML', async () => {
    const broken = replaceParts(FORM, { [ORGANISATION_PART]: '<worksheet><sheetData><row r="1">' });
    expect(await annotate({ filename: 'form.xlsx', content: broken }, FINDINGS)).toBeNull();
  });

  it('refuses an XML bomb in a part it would edit', async () => {
    const bomb = replaceParts(FORM, { [ORGANISATION_PART]: '<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">]><worksheet><sheetData/></worksheet>' });
    expect(await annotate({ filename: 'form.xlsx', content: bomb }, FINDINGS)).toBeNull();
  });

  it('stops inflating a part that is larger than the archive says', async () => {
    const lying = understateSize(FORM, ORGANISATION_PART, 100);
    expect(await annotate({ filename: 'form.xlsx', content: lying }, FINDINGS)).toBeNull();
  });

  it('marks the same form when it is well made', async () => {
    expect((await annotate({ filename: 'form.xlsx', content: FORM }, FINDINGS))?.filename).toBe('form - corrections needed.xlsx');
  });
});
