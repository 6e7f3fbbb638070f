import { describe, expect, it } from 'vitest';
import { checkForm } from '../check-form.js';
import { csvForm } from '../testing/form-builder.js';
import { decodeText, decodeWindows1252, detectDelimiter } from './csv-reader.js';

const NOW = new Date('2026-11-25T10:00:00Z');
const valid = (content: Buffer) => checkForm({ filename: 'form.csv', content }, NOW).valid;

describe('CSV reading', () => {
  it('honours Excel\'s "sep=" line', () => {
    const body = csvForm({}, { delimiter: ';', encoding: 'utf8' }).toString('utf8');
    expect(valid(Buffer.from(`sep=;\r\n${body}`))).toBe(true);
    expect(detectDelimiter('sep=|\nA|B')).toEqual({ delimiter: '|', skipFirstLine: true });
  });

  it('reads old Mac line endings and unix ones', () => {
    const body = csvForm({}, { encoding: 'utf8' }).toString('utf8');
    expect(valid(Buffer.from(body.replace(/\r\n/g, '\r')))).toBe(true);
    expect(valid(Buffer.from(body.replace(/\r\n/g, '\n')))).toBe(true);
  });

  it('survives an unbalanced quote, losing only that cell', () => {
    const body = csvForm({}, { encoding: 'utf8' }).toString('utf8').replace('Practice manager', '"Practice manager');
    const result = checkForm({ filename: 'form.csv', content: Buffer.from(body) }, NOW);
    expect(result.readable).toBe(true);
  });

  it('decodes each encoding', () => {
    expect(decodeText(Buffer.from('\uFEFFBrontë', 'utf8'))).toBe('Brontë');
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('Zoë', 'utf16le').swap16()]))).toBe('Zoë');
    expect(decodeWindows1252(Buffer.from([0x4f, 0x92, 0x4e, 0x80, 0x96]))).toBe('O’N€–');
    expect(decodeText(Buffer.from([0x42, 0x72, 0x6f, 0x6e, 0x74, 0xeb]))).toBe('Brontë');
  });
});
