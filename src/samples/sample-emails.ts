import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { xlsxForm, type FormSpec } from '../form/testing/form-builder.js';
import { GOOD_ORGANISATION } from '../form/testing/sample-answers.js';

/** A registration form filled in from the current template; valid unless `spec` says otherwise. */
export async function sampleWorkbook(spec: FormSpec = {}): Promise<Buffer> {
  return xlsxForm(spec);
}

/** A form with mistakes a firm really makes: a bad postcode, a misspelt court, a landline as a mobile. */
export async function faultyWorkbook(): Promise<Buffer> {
  return xlsxForm({
    organisation: { ...GOOD_ORGANISATION, postcode: 'SW1A 9ZZZ', court1: 'Westminster Magistrate Cuort', laa: '12345' },
    users: [
      ['Priya', 'Natarajan', 'priya.natarajan@kestrelhart.example.co.uk', '020 7946 0124', 'Organisation administrator', null],
      ['Tom', 'Okafor', 'tom.okafor@kestrelhart', '07700 900102', 'Lawyer', null],
    ],
  });
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

/** The emails the demo seeds the mailbox with: a good form, a form with mistakes, and an email with no form. */
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
      label: 'a form with mistakes',
      raw: await composeEmail({
        from: 'Tom Hughes <tom@hughes-chambers.example>',
        subject: 'Registration form',
        attachments: [{ filename: 'registration.xlsx', content: await faultyWorkbook(), contentType: XLSX_TYPE }],
      }),
    },
    {
      label: 'an email that forgot its form',
      raw: await composeEmail({
        from: 'Grace Okafor <grace@okafor-law.example>',
        subject: 'Common Platform registration – Okafor Law',
        text: 'Hello, please find our registration form attached. Kind regards, Grace',
      }),
    },
  ];
}
