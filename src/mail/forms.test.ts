import { describe, expect, it } from 'vitest';
import { findFormAttachments } from './forms.js';
import type { EmailAttachment } from './read-email.js';

function attachment(filename: string, contentType: string, inline = false): EmailAttachment {
  return { filename, contentType, size: 3, content: Buffer.from('abc'), inline };
}

describe('findFormAttachments', () => {
  it('finds workbooks and CSV files by extension, whatever their case', () => {
    const forms = findFormAttachments([
      attachment('Registration Form.XLSX', 'application/octet-stream'),
      attachment('users.csv', 'text/plain'),
    ]);
    expect(forms.map((form) => form.kind)).toEqual(['xlsx', 'csv']);
  });

  it('falls back to the content type when the file has no useful name', () => {
    const forms = findFormAttachments([attachment('', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')]);
    expect(forms).toHaveLength(1);
  });

  it('ignores logos, signatures and other documents', () => {
    const forms = findFormAttachments([
      attachment('logo.png', 'image/png', true),
      attachment('letter.pdf', 'application/pdf'),
      attachment('smime.p7s', 'application/pkcs7-signature'),
    ]);
    expect(forms).toEqual([]);
  });
});
