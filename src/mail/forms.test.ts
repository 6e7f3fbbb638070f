import { describe, expect, it } from 'vitest';
import { classifyFile } from './forms.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('classifyFile', () => {
  it('finds workbooks and CSV files by extension, whatever their case', () => {
    expect(classifyFile('Registration Form.XLSX', 'application/octet-stream', false)).toEqual({ role: 'form', kind: 'xlsx' });
    expect(classifyFile('users.csv', 'text/plain', false)).toEqual({ role: 'form', kind: 'csv' });
  });

  it('falls back to the content type when the file has no useful name', () => {
    expect(classifyFile('', XLSX, false)).toEqual({ role: 'form', kind: 'xlsx' });
  });

  it('goes by the last extension of the name, whatever the content type claims', () => {
    const disguised = { role: 'wrong-format', format: 'disguised' };
    expect(classifyFile('form.xlsx.exe', XLSX, false)).toEqual(disguised);
    expect(classifyFile('form.xlsx.exe. ', XLSX, false)).toEqual(disguised);
    expect(classifyFile('form\u202Exslx.exe', XLSX, false)).toEqual(disguised);
    expect(classifyFile('users.csv.txt', 'text/plain', false)).toEqual(disguised);
    expect(classifyFile('form.xlsx.application', XLSX, false)).toEqual(disguised);
    expect(classifyFile('form\u202Exslx.1', XLSX, false)).toEqual(disguised);
    expect(classifyFile('users.csv.1', 'text/csv', false)).toEqual(disguised);
    expect(classifyFile('Registration v2.1.exe', XLSX, false)).toEqual(disguised);
    expect(classifyFile('form.xlsx.exe', '', false)).toEqual(disguised);
    expect(classifyFile('form.xlsx.pdf', 'application/pdf', false)).toEqual({ role: 'wrong-format', format: '.pdf' });
    expect(classifyFile('Registration.xlsx.', 'application/octet-stream', false)).toEqual({ role: 'form', kind: 'xlsx' });
    expect(classifyFile('forms.zip', XLSX, false)).toEqual({ role: 'zip' });
    expect(classifyFile('report.exe', 'application/octet-stream', false)).toEqual({ role: 'other' });
  });

  it('lets the content type decide when what follows the last dot is part of the name, not an extension', () => {
    expect(classifyFile('Registration form v2.1', XLSX, false)).toEqual({ role: 'form', kind: 'xlsx' });
    expect(classifyFile('Smith & Co. Ltd', XLSX, false)).toEqual({ role: 'form', kind: 'xlsx' });
    expect(classifyFile('form 2024.1', 'text/csv', false)).toEqual({ role: 'form', kind: 'csv' });
    expect(classifyFile('Registration 12.2024. ', 'text/csv', false)).toEqual({ role: 'form', kind: 'csv' });
    expect(classifyFile('Smith & Co. Ltd', 'application/octet-stream', false)).toEqual({ role: 'other' });
    expect(classifyFile('Registration.numbers', '', false)).toMatchObject({ role: 'wrong-format' });
  });

  it('ignores logos, signatures and other documents', () => {
    expect(classifyFile('logo.png', 'image/png', true).role).toBe('other');
    expect(classifyFile('letter.pdf', 'application/pdf', false).role).toBe('other');
    expect(classifyFile('smime.p7s', 'application/pkcs7-signature', false).role).toBe('other');
  });

  it('knows a document named as the Welsh form is the form in the wrong format', () => {
    expect(classifyFile('ffurflen gofrestru.pdf', 'application/pdf', false)).toEqual({ role: 'wrong-format', format: '.pdf' });
    expect(classifyFile('Cofrestru CP.docx', '', false)).toEqual({ role: 'wrong-format', format: '.docx' });
  });
});
