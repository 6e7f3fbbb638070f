import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import type Mail from 'nodemailer/lib/mailer';
import { composeEmail } from '../../test/helpers/compose-email.js';
import { extractForms, type ExtractionLimits } from './form-extraction.js';
import { readEmail, type ReadEmail } from './read-email.js';
import { DEFAULT_ZIP_LIMITS } from './zip-attachment.js';

const limits: ExtractionLimits = { maxBytes: 25 * 1024 * 1024, maxParts: 100, maxDepth: 10, timeoutMs: 5_000 };
const workbook = (text: string) => Buffer.from(`PK workbook ${text}`);
const zip = (files: Record<string, string>) => Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)]))));

async function emailWith(attachments: Mail.Attachment[], words: { subject?: string; text?: string } = {}): Promise<ReadEmail> {
  const read = await readEmail(await composeEmail({ ...words, attachments }), limits);
  if (!read.ok) throw new Error(read.reason);
  return read.email;
}

async function forwarded(attachments: Mail.Attachment[]): Promise<Mail.Attachment> {
  return { contentType: 'message/rfc822', contentDisposition: 'attachment', content: await composeEmail({ subject: 'Fwd', attachments }) };
}

describe('extractForms', () => {
  it('treats each attached workbook or CSV as its own form', async () => {
    const email = await emailWith([
      { filename: 'Registration.xlsx', content: workbook('one') },
      { filename: 'more users.CSV', content: 'a,b' },
    ]);
    const { forms, skipped } = await extractForms(email, limits);
    expect(forms.map(({ filename, kind, origin }) => ({ filename, kind, origin }))).toEqual([
      { filename: 'Registration.xlsx', kind: 'xlsx', origin: 'attachment' },
      { filename: 'more users.CSV', kind: 'csv', origin: 'attachment' },
    ]);
    expect(forms[1]?.content.toString()).toBe('a,b');
    expect(skipped).toEqual([]);
  });

  it('ignores inline images, logos and S/MIME signatures without a word', async () => {
    const email = await emailWith([
      { filename: 'logo.png', content: Buffer.from('png'), contentType: 'image/png', cid: 'logo@firm', contentDisposition: 'inline' },
      { filename: 'smime.p7s', content: Buffer.from('sig'), contentType: 'application/pkcs7-signature' },
      { filename: 'letter.pdf', content: Buffer.from('%PDF'), contentType: 'application/pdf' },
    ]);
    expect(await extractForms(email, limits)).toEqual({ forms: [], skipped: [] });
  });

  it('keeps a form its mail client marked inline, as Apple Mail does', async () => {
    const email = await emailWith([{ filename: 'Registration.xlsx', content: workbook('inline'), contentDisposition: 'inline' }]);
    expect((await extractForms(email, limits)).forms.map((form) => form.filename)).toEqual(['Registration.xlsx']);
  });

  it('reports files that look like the form in a format it cannot read', async () => {
    const email = await emailWith([
      { filename: 'Registration.xls', content: Buffer.from('old') },
      { filename: 'Registration.xlsm', content: Buffer.from('macro') },
      { filename: 'Registration.ods', content: Buffer.from('ods') },
      { filename: 'Registration.numbers', content: Buffer.from('numbers') },
      { filename: 'CP registration form.pdf', content: Buffer.from('%PDF') },
    ]);
    const { forms, skipped } = await extractForms(email, limits);
    expect(forms).toEqual([]);
    expect(skipped.map((file) => [file.filename, file.code])).toEqual([
      ['Registration.xls', 'WRONG_FORMAT'],
      ['Registration.xlsm', 'WRONG_FORMAT'],
      ['Registration.ods', 'WRONG_FORMAT'],
      ['Registration.numbers', 'WRONG_FORMAT'],
      ['CP registration form.pdf', 'WRONG_FORMAT'],
    ]);
    expect(skipped.map((file) => file.params)).toEqual([
      { format: '.xls' },
      { format: '.xlsm' },
      { format: '.ods' },
      { format: '.numbers' },
      { format: '.pdf' },
    ]);
  });

  it('gives codes, not sentences, whatever the language of the email: the reply words them in its own', async () => {
    const welsh = { subject: 'Ffurflen gofrestru', text: 'Annwyl dîm,\n\nGweler ein ffurflen ynghlwm.\n\nDiolch' };
    const email = await emailWith(
      [
        { filename: 'cofrestru.pdf', content: Buffer.from('%PDF') },
        { filename: 'docs.zip', content: zip({ 'a.txt': 'a' }) },
      ],
      welsh,
    );
    const { skipped } = await extractForms(email, limits);
    expect(skipped).toEqual([
      { filename: 'cofrestru.pdf', code: 'WRONG_FORMAT', params: { format: '.pdf' } },
      { filename: 'docs.zip', code: 'ZIP_WITHOUT_FORM', params: { files: 1 } },
    ]);
  });

  it('does not read a workbook whose name ends in another extension, as in form.xlsx.exe, and says why', async () => {
    const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    const email = await emailWith([
      { filename: 'form.xlsx.exe', content: workbook('exe'), contentType: xlsxType },
      { filename: 'form\u202Exslx.exe', content: workbook('rtl'), contentType: xlsxType },
      { filename: 'forms.zip', content: zip({ 'users.csv.exe': 'x,y' }) },
    ]);
    const { forms, skipped } = await extractForms(email, limits);
    expect(forms).toEqual([]);
    expect(skipped.map((file) => [file.filename, file.code])).toEqual([
      ['form.xlsx.exe', 'WRONG_FORMAT'],
      ['form\u202Exslx.exe', 'WRONG_FORMAT'],
      ['users.csv.exe', 'WRONG_FORMAT'],
    ]);
    expect(skipped.map((file) => file.params)).toEqual([{ format: 'disguised' }, { format: 'disguised' }, { format: 'disguised' }]);
  });

  it('reads a form by its content type when a dot in its name starts no extension, as in "Smith & Co. Ltd"', async () => {
    const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    const email = await emailWith([
      { filename: 'Registration form v2.1', content: workbook('version'), contentType: xlsxType },
      { filename: 'Smith & Co. Ltd', content: workbook('firm'), contentType: xlsxType },
      { filename: 'form 2024.1', content: 'g,h', contentType: 'text/csv' },
      { filename: 'form.xlsx.application', content: workbook('clickonce'), contentType: xlsxType },
    ]);
    const { forms, skipped } = await extractForms(email, limits);
    expect(forms.map(({ filename, kind }) => [filename, kind])).toEqual([
      ['Registration form v2.1', 'xlsx'],
      ['Smith & Co. Ltd', 'xlsx'],
      ['form 2024.1', 'csv'],
    ]);
    expect(skipped.map((file) => [file.filename, file.code])).toEqual([['form.xlsx.application', 'WRONG_FORMAT']]);
  });

  it('reads forms inside a .zip, one level deep, and names the ones it cannot', async () => {
    const archive = zip({ 'forms/a.xlsx': 'PK a', 'forms/b.csv': 'x,y', 'old.xls': 'old', 'inner.zip': 'PK', 'notes.txt': 'hi' });
    const { forms, skipped } = await extractForms(await emailWith([{ filename: 'forms.zip', content: archive }]), limits);
    expect(forms.map(({ filename, kind, origin }) => ({ filename, kind, origin }))).toEqual([
      { filename: 'a.xlsx', kind: 'xlsx', origin: 'zip' },
      { filename: 'b.csv', kind: 'csv', origin: 'zip' },
    ]);
    expect(skipped.map((file) => [file.filename, file.code])).toEqual([
      ['old.xls', 'WRONG_FORMAT'],
      ['inner.zip', 'ZIP_IN_ZIP'],
    ]);
  });

  it('says so when a .zip holds no form', async () => {
    const archive = zip({ 'a.txt': 'a', 'b.docx': 'b', 'c.png': 'c' });
    const { forms, skipped } = await extractForms(await emailWith([{ filename: 'docs.zip', content: archive }]), limits);
    expect(forms).toEqual([]);
    expect(skipped).toEqual([{ filename: 'docs.zip', code: 'ZIP_WITHOUT_FORM', params: { files: 3 } }]);
  });

  it('refuses a .zip too large when unpacked, under the limits it is given', async () => {
    const archive = zip({ 'a.csv': 'x'.repeat(5000) });
    const tight = { ...limits, zip: { ...DEFAULT_ZIP_LIMITS, maxTotalBytes: 1000 } };
    const { forms, skipped } = await extractForms(await emailWith([{ filename: 'forms.zip', content: archive }]), tight);
    expect(forms).toEqual([]);
    expect(skipped).toEqual([{ filename: 'forms.zip', code: 'ZIP_TOO_LARGE', params: {} }]);
  });

  it('counts the unpacked size of all the archives in an email together', async () => {
    const tight = { ...limits, zip: { ...DEFAULT_ZIP_LIMITS, maxTotalBytes: 8000 } };
    const archives = [1, 2, 3].map((n) => ({ filename: `part${n}.zip`, content: zip({ [`form${n}.csv`]: String(n).repeat(3000) }) }));
    const { forms, skipped } = await extractForms(await emailWith(archives), tight);
    expect(forms.map((form) => form.filename)).toEqual(['form1.csv', 'form2.csv']);
    expect(skipped.map((file) => [file.filename, file.code])).toEqual([['part3.zip', 'ZIP_TOO_LARGE']]);
  });

  it('searches forwarded emails for forms, also when forwarded twice', async () => {
    const once = await forwarded([{ filename: 'Registration.xlsx', content: workbook('fwd') }]);
    const twice = await forwarded([await forwarded([{ filename: 'users.csv', content: 'c,d' }])]);
    const { forms } = await extractForms(await emailWith([once, twice]), limits);
    expect(forms.map(({ filename, origin }) => ({ filename, origin }))).toEqual([
      { filename: 'Registration.xlsx', origin: 'forwarded' },
      { filename: 'users.csv', origin: 'forwarded' },
    ]);
  });

  it('finds forms in an email forwarded inline, whose parts the parser lifts into the outer email', async () => {
    const inline = {
      contentType: 'message/rfc822',
      contentDisposition: 'inline' as const,
      content: await composeEmail({ attachments: [{ filename: 'users.csv', content: 'e,f' }] }),
    };
    const { forms } = await extractForms(await emailWith([inline]), limits);
    expect(forms.map((form) => form.content.toString())).toEqual(['e,f']);
  });

  it('stops at the forwarding depth it is given', async () => {
    const twice = await forwarded([await forwarded([{ filename: 'users.csv', content: 'c,d' }])]);
    const { forms, skipped } = await extractForms(await emailWith([twice]), { ...limits, maxForwardDepth: 1 });
    expect(forms).toEqual([]);
    expect(skipped.map((file) => file.code)).toEqual(['FORWARDED_TOO_DEEP']);
  });

  it('reads a forwarded email under the same size limits', async () => {
    const big = await forwarded([{ filename: 'users.csv', content: 'x'.repeat(4000) }]);
    const email = await emailWith([big]);
    const { forms, skipped } = await extractForms(email, { ...limits, maxBytes: 3000 });
    expect(forms).toEqual([]);
    expect(skipped).toEqual([
      {
        filename: 'forwarded email',
        code: 'FORWARDED_UNREADABLE',
        params: { reason: expect.stringMatching(/larger than/) },
      },
    ]);
  });

  it('reads the same form once when it arrives twice, attached and forwarded', async () => {
    const content = workbook('same');
    const email = await emailWith([{ filename: 'Registration.xlsx', content }, await forwarded([{ filename: 'Registration.xlsx', content }])]);
    const { forms, skipped } = await extractForms(email, limits);
    expect(forms).toHaveLength(1);
    expect(skipped.map((file) => file.code)).toEqual(['DUPLICATE']);
  });

  it('explains winmail.dat, in which Outlook hides attachments', async () => {
    const email = await emailWith([{ filename: 'winmail.dat', content: Buffer.from('tnef'), contentType: 'application/ms-tnef' }]);
    expect((await extractForms(email, limits)).skipped.map((file) => file.code)).toEqual(['WINMAIL']);
  });
});
