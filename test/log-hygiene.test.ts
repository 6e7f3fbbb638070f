import { afterAll, describe, expect, it } from 'vitest';
import type { ImapFlow } from 'imapflow';
import { SMTPServer } from 'smtp-server';
import { freePort } from '../src/local-servers/free-port.js';
import { startServiceProcess, type ServiceProcess } from '../bench/service-process.js';
import { GOOD_ORGANISATION, type AnswerValue } from '../src/form/testing/sample-answers.js';
import { composeEmail, sampleWorkbook } from '../src/samples/sample-emails.js';
import { folderContents, outboxEmails, testEnvironment, waitFor } from './helpers/environment.js';

// People with names found nowhere else, so any trace of them in the logs is a leak and not a coincidence.
const ADMIN = { first: 'Ottoline', last: 'Quenby', email: 'ottoline.quenby@marchbank-law.example.co.uk', mobile: '07700 900417', landline: '020 7946 0871' };
const USERS: AnswerValue[][] = [
  [ADMIN.first, ADMIN.last, ADMIN.email, ADMIN.mobile, 'Organisation administrator', null],
  ['Evander', 'Thistlewood', 'evander.thistlewood@marchbank-law.example.co.uk', '07700 900418', 'Defence lawyer', 'Advocate'],
];
const BAD_USERS: AnswerValue[][] = [
  ['Marigold', 'Pennyworth', 'marigold.pennyworth@ravensgate.example', '07700 900419', 'Organisation administrator', null],
  ['Lysander', 'Crowhurst', 'lysander.crowhurst@ravensgate', '020 7946 0872', 'Lawyer', null],
];
const SENDERS = [
  { name: 'Perpetua Wrenfield', address: 'perpetua.wrenfield@marchbank-law.example.co.uk' },
  { name: 'Barnaby Fotheringay', address: 'barnaby.fotheringay@ravensgate.example' },
  { name: 'Clementine Ashdown', address: 'clementine.ashdown@ashdown-chambers.example' },
  { name: 'Horatio Blenkinsop', address: 'horatio.blenkinsop@robots.example' },
];

/** Every way a form's personal data could show up in a log line: as written, and as the service normalises it. */
function leaksIn(logs: string, tokens: string[]) {
  const leaks = tokens.filter((token) => logs.toLowerCase().includes(token.toLowerCase()));
  const context = leaks.map((token) => logs.split('\n').find((line) => line.toLowerCase().includes(token.toLowerCase())));
  return { leaks, context };
}

function personalTokens(): string[] {
  const people = [...USERS, ...BAD_USERS].flatMap((row) => [row[0], row[1], row[2], row[3]].map(String));
  const phones = [ADMIN.landline, ...[...USERS, ...BAD_USERS].map((row) => String(row[3]))];
  const phoneForms = phones.flatMap((phone) => {
    const digits = phone.replace(/\D/g, '');
    return [digits, `+44${digits.slice(1)}`, digits.slice(1)];
  });
  const senders = SENDERS.flatMap((sender) => [...sender.name.split(' '), sender.address, sender.address.split('@')[0]!]);
  const local = [...USERS, ...BAD_USERS].map((row) => String(row[2]).split('@')[0]!);
  return [...new Set([...people, ...phoneForms, ...senders, ...local, 'Marchbank', 'Ravensgate'])];
}

describe('log hygiene', () => {
  const environment = testEnvironment({ LOG_LEVEL: 'debug', LOG_PRETTY: 'false' });
  let service: ServiceProcess | undefined;
  let mailbox: ImapFlow | undefined;

  afterAll(async () => {
    await mailbox?.logout();
    await service?.kill('SIGKILL');
  });

  it('keeps every email address, name and phone number from forms and senders out of the logs', async () => {
    service = startServiceProcess(environment.env, ['watcher', 'worker', 'web']);
    mailbox = await environment.imap();
    const organisation = (name: string, extra: Record<string, AnswerValue>) => ({
      ...GOOD_ORGANISATION,
      organisationName: `${name} Solicitors`,
      adminName: `${ADMIN.first} ${ADMIN.last}`,
      adminEmail: ADMIN.email,
      adminPhone: ADMIN.landline,
      signatureName: `${ADMIN.first} ${ADMIN.last}`,
      ...extra,
    });
    const tag = `hygiene${Date.now()}`;
    const emails = [
      // Accepted: an acknowledgement, then an activation email to each user.
      {
        sender: SENDERS[0]!,
        subject: `Registration for ${ADMIN.first} ${ADMIN.last}, call ${ADMIN.mobile}`,
        attachments: [{ filename: `${ADMIN.last} form.xlsx`, content: await sampleWorkbook({ organisation: organisation('Marchbank', {}), users: USERS }) }],
      },
      // Rejected: the findings quote what the sender wrote.
      {
        sender: SENDERS[1]!,
        subject: 'Our form',
        attachments: [
          {
            filename: 'ravensgate.xlsx',
            content: await sampleWorkbook({ organisation: organisation('Ravensgate', { email: 'office@ravensgate', postcode: 'ZZ' }), users: BAD_USERS }),
          },
        ],
      },
      // No form: the reply sends the links; the body carries a phone number and a name.
      { sender: SENDERS[2]!, subject: 'Access for Clementine Ashdown', text: `Please call me on ${ADMIN.mobile}. Clementine Ashdown` },
      // Automatic mail: filed for review, unanswered, with a reason in the ledger.
      { sender: SENDERS[3]!, subject: 'Out of office: Horatio Blenkinsop', headers: { 'Auto-Submitted': 'auto-replied' } },
    ];
    for (const [index, email] of emails.entries()) {
      await mailbox.append(
        'INBOX',
        await composeEmail({
          from: `${email.sender.name} <${email.sender.address}>`,
          subject: email.subject,
          text: email.text,
          messageId: `<${tag}-${index}@${email.sender.address.split('@')[1]}>`,
          attachments: email.attachments,
          headers: email.headers,
        }),
      );
    }
    const filed = await waitFor(
      async () => {
        const counts = await folderContents(mailbox!, ['INBOX', 'Processed', 'Accepted', 'Rejected', 'Review']);
        const done = counts.INBOX === 0 && counts.Processed! + counts.Accepted! + counts.Rejected! + counts.Review! === emails.length;
        return done ? counts : null;
      },
      'every email to be filed',
      45_000,
    );
    expect(filed).toEqual({ INBOX: 0, Processed: 1, Accepted: 1, Rejected: 1, Review: 1 });
    const activated = [USERS[0]![2], USERS[1]![2]].map(String);
    await waitFor(
      async () => (await outboxEmails((email) => activated.some((to) => email.raw.includes(`To: ${to}`)))).length >= 2,
      'the activation emails',
      30_000,
    );
    await service.kill('SIGTERM');

    const logs = service.output();
    expect(logs).toContain('email picked up');
    expect(logs).toContain('job done');
    expect(leaksIn(logs, personalTokens())).toEqual({ leaks: [], context: [] });
    expect(logs).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.-]+/);
  }, 90_000);

  it('keeps addresses out of the logs when the mail server quotes them in a refusal', async () => {
    // Real servers put the refused address in their reply ("550 5.1.1 <a@b>: Recipient address rejected").
    const port = await freePort();
    const refusing = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        const error = Object.assign(new Error(`<${address.address}>: Recipient address rejected: User unknown in virtual mailbox table`), {
          responseCode: 550,
        });
        callback(error);
      },
    });
    await new Promise<void>((resolve) => refusing.listen(port, '127.0.0.1', resolve));
    const refused = testEnvironment({ LOG_LEVEL: 'debug', LOG_PRETTY: 'false', SMTP_URL: `smtp://127.0.0.1:${port}` });
    const refusedService = startServiceProcess(refused.env, ['watcher', 'worker']);
    const client = await refused.imap();
    try {
      const sender = SENDERS[2]!;
      await client.append(
        'INBOX',
        await composeEmail({
          from: `${sender.name} <${sender.address}>`,
          subject: 'Access please',
          text: 'How do we register?',
          messageId: `<refused-${Date.now()}@ashdown-chambers.example>`,
        }),
      );
      await client.append(
        'INBOX',
        await composeEmail({
          from: `${SENDERS[0]!.name} <${SENDERS[0]!.address}>`,
          messageId: `<refused-form-${Date.now()}@marchbank-law.example.co.uk>`,
          attachments: [{ filename: 'form.xlsx', content: await sampleWorkbook({ users: USERS }) }],
        }),
      );
      await waitFor(
        async () => {
          const counts = await folderContents(client, ['INBOX', 'Review', 'Accepted']);
          return counts.INBOX === 0 && counts.Review! + counts.Accepted! === 2;
        },
        'both emails to be filed',
        45_000,
      );
    } finally {
      await client.logout();
      await refusedService.kill('SIGTERM');
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
    }
    const logs = refusedService.output();
    expect(logs).toMatch(/job (done|failed)/);
    expect(leaksIn(logs, personalTokens())).toEqual({ leaks: [], context: [] });
    expect(logs).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.-]+/);
  }, 90_000);
});
