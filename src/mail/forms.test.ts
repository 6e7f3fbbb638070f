import { describe, expect, it } from 'vitest';
import { classifyFile } from './forms.js';

describe('classifyFile', () => {
  it('finds workbooks and CSV files by extension, whatever their case', () => {
    expect(classifyFile('Registration Form.XLSX', 'application/octet-stream', false)).toEqual({ role: 'form', kind: 'xlsx' });
    expect(classifyFile('users.csv', 'text/plain', false)).toEqual({ role: 'form', kind: 'csv' });
  });

  it('falls back to the content type when the file has no useful name', () => {
    expect(classifyFile('', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', false)).toEqual({ role: 'form', kind: 'xlsx' });
  });

  it('ignores logos, signatures and other documents', () => {
    expect(classifyFile('logo.png', 'image/png', true).role).toBe('other');
    expect(classifyFile('letter.pdf', 'application/pdf', false).role).toBe('other');
    expect(classifyFile('smime.p7s', 'application/pkcs7-signature', false).role).toBe('other');
  });
});
