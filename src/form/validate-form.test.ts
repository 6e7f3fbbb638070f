import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { annotateForm, FORM_VERSION, startFormWorkers, stopFormWorkers, TEMPLATE_PATHS, validateForm } from './index.js';
import { PROBLEMS_TAB } from './annotate/annotate-form.js';
import { clampValidations } from './annotate/safe-workbook-copy.js';
import { csvForm } from './testing/form-builder.js';
import { LIMITS } from './form-schema.js';
import { runIsolated, threadsStarted } from './isolate/run-isolated.js';
import { GOOD_ORGANISATION } from './testing/sample-answers.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'forms');
const fixture = (name: string) => ({ filename: name.split('/').pop() ?? name, content: readFileSync(join(FIXTURES, name)) });
const NOW = new Date('2026-11-25T10:00:00Z');

async function loadBook(content: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(content as unknown as ExcelJS.Buffer);
  return book;
}

describe('validateForm, isolated in a worker thread', () => {
  it('returns the registration for a good form', async () => {
    const result = await validateForm(fixture('good-solicitors.xlsx'), { now: NOW });
    expect(result).toMatchObject({ valid: true, readable: true, findings: [], formVersion: FORM_VERSION });
    expect(result.registration?.users).toHaveLength(3);
  });

  it('gives up at the time limit with a finding, not an exception', async () => {
    const result = await validateForm(fixture('good-solicitors.xlsx'), { now: NOW, timeoutMs: 1 });
    expect(result).toMatchObject({ valid: false, readable: false, registration: null });
    expect(result.findings.map((f) => f.code)).toEqual(['FILE_TIMEOUT']);
    const after = await validateForm(fixture('good-solicitors.csv'), { now: NOW });
    expect(after.valid, 'a fresh worker replaces the one that was stopped').toBe(true);
  });

  it('can stop its idle workers for shutdown and start another when needed', async () => {
    await validateForm(fixture('good-solicitors.csv'), { now: NOW });
    await stopFormWorkers();
    expect((await validateForm(fixture('good-solicitors.csv'), { now: NOW })).valid).toBe(true);
  });

  it('reuses a warm worker instead of starting one for every form (how fast that is, the bench measures)', async () => {
    await validateForm(fixture('good-solicitors.csv'), { now: NOW });
    const before = threadsStarted();
    expect((await validateForm(fixture('good-solicitors.xlsx'), { now: NOW })).valid).toBe(true);
    expect((await validateForm(fixture('good-solicitors.csv'), { now: NOW })).valid).toBe(true);
    expect(threadsStarted()).toBe(before);
  });

  it('starts its thread warm at start-up, so that the first forms start none', async () => {
    await stopFormWorkers();
    const before = threadsStarted();
    await startFormWorkers();
    expect(threadsStarted()).toBe(before + 1);
    expect((await validateForm(fixture('good-solicitors.xlsx'), { now: NOW })).valid).toBe(true);
    expect((await validateForm(fixture('good-solicitors.csv'), { now: NOW })).valid).toBe(true);
    expect(threadsStarted()).toBe(before + 1);
  });

  it('runs under the memory limit', async () => {
    const outcome = await runIsolated({ kind: 'limits', content: new Uint8Array(0) });
    expect(outcome).toMatchObject({ ok: true, reply: { kind: 'limits', resourceLimits: { maxOldGenerationSizeMb: LIMITS.memoryMb } } });
  });

  it('answers an unreadable file with readable: false', async () => {
    const result = await validateForm(fixture('libreoffice/good-solicitors.xls'));
    expect(result.readable).toBe(false);
    expect(result.findings[0]?.code).toBe('FILE_LEGACY_XLS');
  });

  it('points at committed templates', () => {
    expect(readFileSync(TEMPLATE_PATHS.xlsx).subarray(0, 2).toString()).toBe('PK');
    expect(readFileSync(TEMPLATE_PATHS.csv, 'utf8')).toContain(`Form version,${FORM_VERSION}`);
  });
});

describe('annotateForm', () => {
  it("marks each bad cell of the sender's workbook and lists every problem", async () => {
    for (const name of ['many-problems.xlsx', 'libreoffice/many-problems.xlsx']) {
      const input = fixture(name);
      const { findings } = await validateForm(input, { now: NOW });
      const copy = await annotateForm(input, findings);
      expect(copy?.filename).toBe('many-problems - corrections needed.xlsx');
      const book = await loadBook(copy?.content ?? Buffer.alloc(0));
      const postcode = book.getWorksheet('Organisation details input')?.getCell('B11');
      expect(JSON.stringify(postcode?.note)).toContain('not a valid UK postcode');
      expect(postcode?.fill).toMatchObject({ fgColor: { argb: 'FFFFC7CE' } });
      expect(book.getWorksheet('User details input')?.getCell('D6').note).toBeTruthy();
      expect(book.getWorksheet('Organisation details input')?.getCell('B6').value).toBe('Kestrel & Hart Solicitors LLP');
      expect(book.getWorksheet(PROBLEMS_TAB)?.rowCount).toBe(findings.length + 1);
    }
  });

  it("finds the sender's renamed tab and moved cells", async () => {
    const input = fixture('messy-real-world.xlsx');
    const finding = {
      severity: 'error' as const,
      tab: 'Organisation details input',
      cell: 'D8',
      field: 'Organisation name',
      code: 'TEST',
      message: 'Check this.',
      suggestion: null,
    };
    const copy = await annotateForm(input, [finding]);
    const book = await loadBook(copy?.content ?? Buffer.alloc(0));
    expect(JSON.stringify(book.getWorksheet('Organisation Details – Input')?.getCell('D8').note)).toContain('Check this.');
  });

  it('turns a CSV into a workbook with the same cell positions, never making formulas of sender text', async () => {
    const input = { filename: 'form.csv', content: csvForm({ organisation: { ...GOOD_ORGANISATION, postcode: '=1+2' } }) };
    const { findings } = await validateForm(input, { now: NOW });
    const copy = await annotateForm(input, findings);
    const sheet = (await loadBook(copy?.content ?? Buffer.alloc(0))).worksheets[0];
    expect(sheet?.getCell('B9').value).toBe('=1+2');
    expect(JSON.stringify(sheet?.getCell('B9').note)).toContain('postcode');
  });

  it('returns null when there is nothing to mark', async () => {
    expect(await annotateForm(fixture('good-solicitors.xlsx'), [])).toBeNull();
    const unreadable = fixture('libreoffice/good-solicitors.ods');
    expect(await annotateForm(unreadable, (await validateForm(unreadable)).findings)).toBeNull();
  });

  it('cuts whole-column validations short before exceljs loads them', () => {
    expect(clampValidations('<dataValidation type="list" sqref="A1:A1048576 C5 D3000:D4000"><formula1>x</formula1></dataValidation>')).toBe(
      '<dataValidation type="list" sqref="A1:A2000 C5"><formula1>x</formula1></dataValidation>',
    );
    expect(clampValidations('<x:dataValidation allowBlank="1" sqref="A1:XFD1048576 BA1"/>')).toBe('<x:dataValidation allowBlank="1" sqref="A1:AZ2000"/>');
    expect(clampValidations('<mergeCells count="2"><mergeCell ref="A1:B2"/><mergeCell ref="A3:XFD9000"/></mergeCells>')).toBe(
      '<mergeCells count="2"><mergeCell ref="A1:B2"/></mergeCells>',
    );
  });
});
