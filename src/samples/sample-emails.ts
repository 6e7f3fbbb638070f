import ExcelJS from 'exceljs';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';

/** A small real workbook with the two input tabs, enough for the mail path to recognise a form. */
export async function sampleWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Organisation details input').addRow(['Organisation name', 'Example Chambers']);
  workbook.addWorksheet('User details input').addRow(['First name', 'Last name', 'Email']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export interface SampleEmailOptions {
  from?: string;
  replyTo?: string;
  subject?: string;
  messageId?: string;
  text?: string;
  attachments?: Array<{ filename: string; content: Buffer; contentType?: string }>;
  headers?: Record<string, string>;
}

/** A real MIME email as a firm's mail client would send it. */
export async function composeEmail(options: SampleEmailOptions): Promise<Buffer> {
  const composer = new MailComposer({
    from: options.from ?? 'Clerk <clerk@smith-law.example>',
    to: 'CPOnboarding@justice.gov.uk',
    replyTo: options.replyTo,
    subject: options.subject ?? 'Common Platform registration',
    messageId: options.messageId ?? `<${Math.random().toString(36).slice(2)}@smith-law.example>`,
    text: options.text ?? 'Please find our registration form attached.',
    attachments: options.attachments,
    headers: options.headers,
  });
  return composer.compile().build();
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The emails the demo seeds the mailbox with: a form, a broken form, and an email with no form at all. */
export async function demoEmails(): Promise<Array<{ label: string; raw: Buffer }>> {
  return [
    {
      label: 'a registration form',
      raw: await composeEmail({
        from: 'Amira Patel <amira.patel@patel-defence.example>',
        subject: 'Common Platform registration – Patel Defence Solicitors',
        attachments: [{ filename: 'CP registration - Patel Defence.xlsx', content: await sampleWorkbook(), contentType: XLSX_TYPE }],
      }),
    },
    {
      label: 'a form that is not a workbook',
      raw: await composeEmail({
        from: 'Tom Hughes <tom@hughes-chambers.example>',
        subject: 'Registration form',
        attachments: [{ filename: 'registration.xlsx', content: Buffer.from('this is not a spreadsheet'), contentType: XLSX_TYPE }],
      }),
    },
    {
      label: 'an email with no form',
      raw: await composeEmail({
        from: 'Grace Okafor <grace@okafor-law.example>',
        subject: 'How do we register?',
        text: 'Hello, we are a small firm in Leeds. How do we get access to Common Platform?',
      }),
    },
  ];
}
