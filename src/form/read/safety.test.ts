import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { checkForm } from '../check-form.js';
import { replaceParts, understateSize } from '../testing/zip-tools.js';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'forms');
const good = readFileSync(join(FIXTURES, 'good-solicitors.xlsx'));
const NOW = new Date('2026-11-25T10:00:00Z');
const codeOf = (content: Buffer, filename = 'form.xlsx') => {
  const result = checkForm({ filename, content }, NOW);
  expect(result.findings).toHaveLength(1);
  return { code: result.findings[0]?.code, readable: result.readable };
};

describe('hostile and broken files', () => {
  it('refuses a part whose declared size is too large, before inflating it', () => {
    const bomb = replaceParts(good, { 'xl/sharedStrings.xml': new Uint8Array(45 * 1024 * 1024) });
    expect(codeOf(bomb)).toEqual({ code: 'FILE_ZIP_BOMB', readable: false });
  });

  it('refuses a part with an extreme compression ratio', () => {
    const bomb = replaceParts(good, { 'xl/worksheets/sheet2.xml': new Uint8Array(5 * 1024 * 1024) });
    expect(codeOf(bomb).code).toBe('FILE_ZIP_BOMB');
  });

  it('stops inflating a part that yields more than it declared', () => {
    const padded = `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${' '.repeat(3_000_000)}</sst>`;
    const liar = understateSize(replaceParts(good, { 'xl/sharedStrings.xml': padded }), 'xl/sharedStrings.xml', 900_000);
    expect(codeOf(liar).code).toBe('FILE_ZIP_BOMB');
  });

  it('refuses too many parts', () => {
    const parts = Object.fromEntries(Array.from({ length: 1500 }, (_, i) => [`x/${i}.xml`, new Uint8Array(1)]));
    expect(codeOf(Buffer.from(zipSync(parts))).code).toBe('FILE_ZIP_BOMB');
  });

  it('refuses XML entity expansion (billion laughs)', () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><sst><si><t>&lol2;</t></si></sst>`;
    expect(codeOf(replaceParts(good, { 'xl/sharedStrings.xml': lol })).code).toBe('FILE_XML_BOMB');
  });

  it.each([
    ['an empty file', Buffer.alloc(0), 'form.xlsx', 'FILE_EMPTY'],
    ['a file over the size limit', Buffer.alloc(11 * 1024 * 1024, 0x41), 'form.csv', 'FILE_TOO_LARGE'],
    ['a truncated workbook', good.subarray(0, good.length / 2), 'form.xlsx', 'FILE_CORRUPT'],
    ['random bytes named .xlsx', Buffer.from(Array.from({ length: 500 }, (_, i) => (i * 7919) % 256)), 'form.xlsx', 'FILE_CORRUPT'],
    ['random bytes named .dat', Buffer.from(Array.from({ length: 500 }, (_, i) => (i * 7919) % 256)), 'form.dat', 'FILE_NOT_SPREADSHEET'],
    ['a PDF', Buffer.from('%PDF-1.7\n...'), 'form.pdf', 'FILE_PDF'],
    ['a Word document', Buffer.from(zipSync({ 'word/document.xml': new Uint8Array(10) })), 'form.docx', 'FILE_WORD_DOCUMENT'],
    ['an Apple Numbers file', Buffer.from(zipSync({ 'Index/Document.iwa': new Uint8Array(10) })), 'form.numbers', 'FILE_NUMBERS'],
    ['HTML saved as .xls', Buffer.from('<html><table><tr><td>x</td></tr></table></html>'), 'form.xls', 'FILE_LEGACY_XLS'],
    ['a zip with no workbook', Buffer.from(zipSync({ 'notes.txt': new Uint8Array(10) })), 'form.xlsx', 'FILE_NOT_SPREADSHEET'],
  ])('gives %s its own finding', (_name, content, filename, code) => {
    expect(codeOf(content, filename)).toEqual({ code, readable: false });
  });

  it('never evaluates a formula: one without a cached result reads as blank', async () => {
    const sheet = readFileSync(join(FIXTURES, 'good-solicitors.xlsx'));
    const xml = (await import('fflate')).unzipSync(sheet)['xl/worksheets/sheet2.xml'];
    const withFormula = Buffer.from(xml ?? new Uint8Array())
      .toString('utf8')
      .replace(
        /<c r="B6"([^>]*)>.*?<\/c>/,
        (_m, attributes: string) => `<c r="B6"${attributes.replace(/ t="\w+"/, '')} t="str"><f>WEBSERVICE("http://example.invalid")</f></c>`,
      );
    const result = checkForm({ filename: 'f.xlsx', content: replaceParts(good, { 'xl/worksheets/sheet2.xml': withFormula }) }, NOW);
    expect(result.findings.map((f) => `${f.code}@${f.cell}`)).toEqual(['REQUIRED@B6']);
  });
});
