import { readFileSync } from 'node:fs';
import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { QUEUES } from '../src/queues.js';
import { createRedis, keysFor } from '../src/redis.js';
import { GOOD_ORGANISATION } from '../src/form/testing/sample-answers.js';
import { composeEmail, faultyWorkbook, sampleWorkbook } from '../src/samples/sample-emails.js';
import { folderContents, outboxEmails, testEnvironment, waitFor, repliesTo, type ReceivedEmail } from './helpers/environment.js';
import { withRunningService } from './helpers/running-service.js';
import { SubmissionStore } from '../src/submissions/submission-store.js';

describe('from form to accounts: acknowledgement, rejection, activation', () => {
  const environment = testEnvironment();
  const running = withRunningService(environment);
  const redis = createRedis(environment.config.redis, 'test');
  const notifyQueue = new Queue(QUEUES.notify, { connection: redis, prefix: keysFor(environment.config.keyPrefix).bullPrefix });
  afterAll(async () => {
    await notifyQueue.close();
    await redis.quit();
  });

  const everyActivationSent = () =>
    waitFor(
      async () => Object.values(await notifyQueue.getJobCounts('waiting', 'prioritized', 'delayed', 'active')).every((n) => n === 0),
      'every activation email to go out',
      30_000,
    );

  const activationFor = (address: string) => (email: ReceivedEmail) =>
    email.parsed.from?.value[0]?.address === 'noreply@cjscp.org.uk' && email.raw.includes(`To: ${address}`);

  it('gives a valid form one acknowledgement and one activation email per user, whose link activates once', async () => {
    const since = Date.now();
    const messageId = `<valid-${Date.now()}@kestrelhart.example>`;
    await running.mailbox.append('INBOX', await composeEmail({ messageId, attachments: [{ filename: 'form.xlsx', content: await sampleWorkbook() }] }));
    const users = ['priya.natarajan', 'tom.okafor', 'sian.evans'].map((name) => `${name}@kestrelhart.example.co.uk`);
    const activations = await waitFor(async () => {
      const found = await Promise.all(users.map(async (user) => outboxEmails(activationFor(user), since)));
      return found.every((list) => list.length === 1) ? found.map((list) => list[0]!) : null;
    }, 'an activation email for each user');
    await waitFor(async () => (await folderContents(running.mailbox, ['Accepted'])).Accepted === 1, 'the email to be filed under Accepted');

    const acknowledgements = await outboxEmails(repliesTo(messageId));
    expect(acknowledgements).toHaveLength(1);
    expect(acknowledgements[0]?.parsed.text).toContain('Your reference is CP-');

    const first = activations[0]!;
    expect(first.parsed.text).toContain('0101'); // the last four digits of Priya's mobile, 07700 900101
    expect(first.parsed.text).toMatch(/junk|spam/i);
    expect(first.parsed.html).toBeTruthy();
    const link = /https?:\/\/[^\s]+\/activate\/([A-Za-z0-9_-]+)/.exec(first.parsed.text ?? '');
    expect(link).not.toBeNull();
    const url = `/activate/${link![1]}`;
    const page = await running.service.web!.inject({ method: 'GET', url });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Priya');
    expect(page.body).toContain('Kestrel &amp; Hart Solicitors LLP');
    expect(page.body).toContain('<html lang="en"');
    expect(page.body).toContain('Activate my account');
    const activated = await running.service.web!.inject({ method: 'POST', url });
    expect(activated.statusCode).toBe(200);
    expect(activated.body).toContain('Account activated');
    const again = await running.service.web!.inject({ method: 'POST', url });
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain('This account is already active');
  });

  it('gives an invalid form one rejection listing the findings, with the annotated copy attached, and files it under Rejected', async () => {
    const messageId = `<invalid-${Date.now()}@hughes.example>`;
    await running.mailbox.append(
      'INBOX',
      await composeEmail({ messageId, from: 'clerk@hughes.example', attachments: [{ filename: 'ours.xlsx', content: await faultyWorkbook() }] }),
    );
    const [rejection] = await waitFor(async () => {
      const found = await outboxEmails(repliesTo(messageId));
      return found.length > 0 ? found : null;
    }, 'the rejection');
    await waitFor(async () => (await folderContents(running.mailbox, ['Rejected'])).Rejected === 1, 'the email to be filed under Rejected');
    expect(await outboxEmails(repliesTo(messageId))).toHaveLength(1);
    expect(rejection?.parsed.text).toMatch(/Organisation details input tab/);
    expect(rejection?.parsed.text).toMatch(/Cell [A-Z]+\d+/);
    const attachment = rejection?.parsed.attachments.find((a) => a.filename?.endsWith('.xlsx'));
    expect(attachment?.content.subarray(0, 2).toString()).toBe('PK');

    // A corrected form sent in reply is linked to the rejected one, and the acknowledgement says so.
    const correctedId = `<corrected-${Date.now()}@hughes.example>`;
    await running.mailbox.append(
      'INBOX',
      await composeEmail({
        messageId: correctedId,
        from: 'clerk@hughes.example',
        subject: `Re: ${rejection?.parsed.subject}`,
        headers: { 'In-Reply-To': rejection?.parsed.messageId ?? '' },
        attachments: [{ filename: 'ours-fixed.xlsx', content: await sampleWorkbook() }],
      }),
    );
    const acknowledgement = await waitFor(async () => (await outboxEmails(repliesTo(correctedId)))[0], 'the acknowledgement of the corrected form');
    expect(acknowledgement.parsed.text).toMatch(/linked this form to your earlier one, reference CP-/);
    expect(acknowledgement.parsed.text).toMatch(/Now fixed/);
  });

  it('sets up a firm whose user is already registered elsewhere, flags that user for staff and sends no activation to them', async () => {
    const since = Date.now();
    const shared = 'shared.person@firm-a.example.co.uk';
    const formFor = (n: number, laa: string) =>
      sampleWorkbook({
        organisation: {
          ...GOOD_ORGANISATION,
          organisationName: `Conflict Firm ${n}`,
          laa,
          sra: String(680000 + n),
          adminEmail: `admin@firm-${n}.example.co.uk`,
        },
        users: [
          [`Admin${n}`, 'Person', `admin@firm-${n}.example.co.uk`, `07700 9004${n}0`, 'Organisation administrator', null],
          ['Shared', 'Person', shared, '07700 900499', 'Defence lawyer', null],
        ],
      });
    const first = `<conflict-a-${Date.now()}@firm-a.example>`;
    await running.mailbox.append(
      'INBOX',
      await composeEmail({ messageId: first, from: 'office@firm-a.example', attachments: [{ filename: 'a.xlsx', content: await formFor(1, '1K111K') }] }),
    );
    await waitFor(async () => (await outboxEmails(activationFor(shared), since)).length === 1, 'the shared user to be invited by the first firm');
    const second = `<conflict-b-${Date.now()}@firm-b.example>`;
    const reviewBefore = (await folderContents(running.mailbox, ['Review'])).Review ?? 0;
    await running.mailbox.append(
      'INBOX',
      await composeEmail({ messageId: second, from: 'office@firm-b.example', attachments: [{ filename: 'b.xlsx', content: await formFor(2, '2K222K') }] }),
    );
    await waitFor(async () => (await folderContents(running.mailbox, ['Review'])).Review === reviewBefore + 1, 'the second email to go to Review');
    // Filing and each activation email are jobs of their own: the email can reach Review before its emails go out.
    await waitFor(
      async () => (await outboxEmails(activationFor('admin@firm-2.example.co.uk'), since)).length === 1,
      'the second firm’s administrator to be invited',
      30_000,
    );
    await everyActivationSent();
    expect(await outboxEmails(activationFor('admin@firm-2.example.co.uk'), since)).toHaveLength(1);
    expect(await outboxEmails(activationFor(shared), since)).toHaveLength(1);
  });

  it('sends a large form its activation emails in batches: one each, a refused address handed to staff, none copied to Sent', async () => {
    const since = Date.now();
    const address = (n: number) => (n === 7 ? `refuse550-user${n}@batchfirm.example.co.uk` : `user${n}@batchfirm.example.co.uk`);
    const users = Array.from({ length: 62 }, (_, n) => [
      `First${n}`,
      `Last${n}`,
      address(n),
      `07700 9${String(n).padStart(5, '0')}`,
      n === 0 ? 'Organisation administrator' : 'Defence lawyer',
      null,
    ]);
    const content = await sampleWorkbook({
      organisation: { ...GOOD_ORGANISATION, organisationName: 'Batch Firm LLP', laa: '4D444D', sra: '644444', adminEmail: address(0) },
      users,
    });
    const messageId = `<batch-${Date.now()}@batchfirm.example>`;
    await running.mailbox.append(
      'INBOX',
      await composeEmail({ messageId, from: 'office@batchfirm.example', attachments: [{ filename: 'batch.xlsx', content }] }),
    );
    const delivered = users.map((_, n) => address(n)).filter((_, n) => n !== 7);
    await waitFor(
      async () => {
        const activations = await outboxEmails((email) => activationFor('')(email) && email.raw.includes('@batchfirm.example.co.uk'), since);
        return activations.length >= delivered.length;
      },
      'an activation email for each user the server takes',
      60_000,
    );
    await everyActivationSent();
    for (const user of delivered) expect(await outboxEmails(activationFor(user), since)).toHaveLength(1);

    const submissions = new SubmissionStore(redis, keysFor(environment.config.keyPrefix));
    const { submissions: newest } = await submissions.listNewest(0, 10);
    const batchForm = newest.find((submission) => submission.attention.some((point) => point.includes('was refused by the mail server')));
    expect(batchForm?.attention.filter((point) => point.includes('refused'))).toHaveLength(1);
    const timeline = await submissions.timeline(batchForm!.submissionId);
    expect(timeline.filter((event) => event.event === 'activation-sent')).toHaveLength(delivered.length);
    expect(timeline.filter((event) => event.event === 'activation-refused')).toHaveLength(1);

    // The acknowledgement is copied to Sent; the activation emails, whose links are passwords, never are.
    const sentFrom = async () => {
      const lock = await running.mailbox.getMailboxLock('Sent');
      try {
        const senders: string[] = [];
        for await (const message of running.mailbox.fetch('1:*', { envelope: true })) senders.push(message.envelope?.from?.[0]?.address ?? '');
        return senders;
      } finally {
        lock.release();
      }
    };
    await waitFor(async () => (await sentFrom()).length > 0, 'the acknowledgement to be copied to Sent');
    expect(await sentFrom()).not.toContain('noreply@cjscp.org.uk');
  });

  it('accepts a role written in other words, and the acknowledgement says how it was read and where', async () => {
    const messageId = `<paralegal-${Date.now()}@okafor-law.example>`;
    const content = await sampleWorkbook({
      organisation: { ...GOOD_ORGANISATION, organisationName: 'Okafor Law', laa: '3C333C', sra: '633333', adminEmail: 'grace@okafor-law.example.co.uk' },
      users: [
        ['Grace', 'Okafor', 'grace@okafor-law.example.co.uk', '07700 900301', 'Organisation administrator', null],
        ['Ben', 'Adeyemi', 'ben@okafor-law.example.co.uk', '07700 900302', 'Paralegal', null],
      ],
    });
    await running.mailbox.append(
      'INBOX',
      await composeEmail({ messageId, from: 'grace@okafor-law.example', attachments: [{ filename: 'okafor.xlsx', content }] }),
    );
    const acknowledgement = await waitFor(async () => (await outboxEmails(repliesTo(messageId)))[0], 'the acknowledgement');
    expect(acknowledgement.parsed.text).toContain('We have accepted your form. Please check the answer below');
    expect(acknowledgement.parsed.text).toContain('- Cell E6 (Role): "Paralegal" is not one of the roles, so we have read it as "Support staff".');
  });

  it('answers a spreadsheet that is not the form without counting answers or promising a copy, with every link absolute', async () => {
    const messageId = `<foreign-${Date.now()}@hughes.example>`;
    const content = readFileSync(new URL('./fixtures/forms/foreign-workbook.xlsx', import.meta.url));
    await running.mailbox.append('INBOX', await composeEmail({ messageId, from: 'clerk@hughes.example', attachments: [{ filename: 'budget.xlsx', content }] }));
    const rejection = await waitFor(async () => (await outboxEmails(repliesTo(messageId)))[0], 'the rejection');
    const text = rejection.parsed.text ?? '';
    expect(text).toContain('This file is not the Common Platform registration form');
    expect(text).toContain(`Download the current form from ${environment.config.publicBaseUrl}/forms/registration.xlsx,`);
    expect(text).not.toMatch(/[^\w.]\/forms\//);
    expect(text).not.toMatch(/answers? needs? changing|attached copy|copy of your form/);
    expect(rejection.parsed.attachments).toEqual([]);
  });
});
