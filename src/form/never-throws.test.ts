import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkForm, type FormResult } from './check-form.js';
import { ORGANISATION_FIELDS } from './form-schema.js';
import { describeFinding } from './messages/render-finding.js';
import { csvForm, xlsxForm } from './testing/form-builder.js';
import { GOOD_USERS, type AnswerValue } from './testing/sample-answers.js';

const NOW = new Date('2026-11-25T10:00:00Z');
const good = readFileSync(join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'forms', 'good-solicitors.xlsx'));

function wellFormed(result: FormResult): void {
  expect(typeof result.valid).toBe('boolean');
  expect(result.valid).toBe(result.readable && !result.findings.some((f) => f.severity === 'error'));
  expect(result.valid ? result.registration : null).toEqual(result.valid ? expect.any(Object) : null);
  for (const f of result.findings) {
    expect(['error', 'warning']).toContain(f.severity);
    expect(f.code).toMatch(/^[A-Z0-9_]+$/);
    expect(f.code, 'every failure is classified').not.toMatch(/^(FILE_CHECK_FAILED|INTERNAL_CHECK_FAILED)$/);
    expect(describeFinding(f).length).toBeLessThan(600);
    if (f.cell !== null) expect(f.cell).toMatch(/^[A-Z]{1,3}\d+$/);
  }
}

const answer: fc.Arbitrary<AnswerValue> = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.constant(null),
  fc.boolean(),
  fc.constantFrom('=1+1', '"', ';', '\r\n', '\u202E', 'mailto:', '0', ' '),
);

describe('the parser never throws', () => {
  it('on arbitrary bytes, under any file name', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), fc.constantFrom('f.xlsx', 'f.csv', 'f.xls', 'f'), (bytes, filename) => {
        wellFormed(checkForm({ filename, content: Buffer.from(bytes) }, NOW));
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ['big-endian UTF-16 of odd length', [0xfe, 0xff, 0x00]],
    ['little-endian UTF-16 of odd length', [0xff, 0xfe, 0x41]],
    ['a quote as separator', [...Buffer.from('sep="\nA,B\n')]],
    ['a carriage return as separator', [...Buffer.from('sep=\r\nA,B\n')]],
  ])('on %s', (_name, bytes) => {
    wellFormed(checkForm({ filename: 'f.csv', content: Buffer.from(bytes) }, NOW));
  });

  it('on a real workbook with bytes corrupted at random', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: good.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 20 }), (edits) => {
        const copy = Buffer.from(good);
        for (const [at, byte] of edits) copy[at] = byte;
        wellFormed(checkForm({ filename: 'f.xlsx', content: copy }, NOW));
      }),
      { numRuns: 200 },
    );
  });

  it('on arbitrary cell values in a CSV form', () => {
    const values = fc.dictionary(fc.constantFrom(...ORGANISATION_FIELDS.map((f) => f.key)), answer);
    fc.assert(
      fc.property(values, fc.array(fc.array(answer, { maxLength: 7 }), { maxLength: 5 }), (organisation, users) => {
        wellFormed(checkForm({ filename: 'f.csv', content: csvForm({ organisation, users }) }, NOW));
      }),
      { numRuns: 300 },
    );
  });

  it('on arbitrary cell values in a workbook', async () => {
    const values = fc.dictionary(
      fc.constantFrom(...ORGANISATION_FIELDS.map((f) => f.key)),
      answer.filter((v) => typeof v !== 'number' || Number.isFinite(v)),
    );
    await fc.assert(
      fc.asyncProperty(values, fc.array(fc.array(answer, { maxLength: 7 }), { maxLength: 3 }), async (organisation, users) => {
        wellFormed(checkForm({ filename: 'f.xlsx', content: await xlsxForm({ organisation, users: [...GOOD_USERS, ...users] }) }, NOW));
      }),
      { numRuns: 25 },
    );
  }, 60_000);
});
