import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { EmailStore } from '../src/emails/email-store.js';
import { keysFor } from '../src/redis.js';
import { composeEmail } from '../src/samples/sample-emails.js';
import { outboxEmails, testEnvironment, waitFor, repliesTo } from './helpers/environment.js';
import { withRunningService } from './helpers/running-service.js';
import { firmForm } from './helpers/forms.js';

describe('what arrives: several forms, zipped forms, questions, failed DMARC', () => {
  const environment = testEnvironment({ SENDER_AUTH_TRUSTED_SERVERS: 'mx.onboarding.test' });
  const emails = () => new EmailStore(running.redis, keysFor(environment.config.keyPrefix));
  const running = withRunningService(environment);

  const filed = (messageId: string) =>
    waitFor(
      async () => {
        const record = (await emails().listSince(0)).find((candidate) => candidate.messageId === messageId);
        return record?.state === 'filed' ? record : null;
      },
      `${messageId} to be filed`,
      30_000,
    );

  it('treats two forms in one email as two submissions, each acknowledged with its own reference', async () => {
    const messageId = `<two-${Date.now()}@firms.example>`;
    await running.mailbox.append(
      'INBOX',
      await composeEmail({
        messageId,
        attachments: [
          { filename: 'first firm.xlsx', content: await firmForm(501, 'Southwark Crown Court') },
          { filename: 'second firm.xlsx', content: await firmForm(502, 'Leeds Crown Court') },
        ],
      }),
    );
    expect((await filed(messageId)).outcome).toBe('accepted');
    const acknowledgements = await outboxEmails(repliesTo(messageId));
    const references = acknowledgements.map((email) => /Your reference is (CP-[0-9A-F]{8}(?:-2)?)\./.exec(email.parsed.text ?? '')?.[1]).sort();
    expect(references).toHaveLength(2);
    expect(references[1]).toBe(`${references[0]}-2`);
  });

  it('reads a form sent inside a .zip', async () => {
    const messageId = `<zip-${Date.now()}@firms.example>`;
    const zip = Buffer.from(zipSync({ 'registration.xlsx': await firmForm(503, 'Bristol Crown Court') }));
    await running.mailbox.append(
      'INBOX',
      await composeEmail({ messageId, attachments: [{ filename: 'forms.zip', content: zip, contentType: 'application/zip' }] }),
    );
    expect((await filed(messageId)).outcome).toBe('accepted');
    expect(await outboxEmails(repliesTo(messageId))).toHaveLength(1);
  });

  it('sends a question without a form to staff instead of answering it automatically', async () => {
    const messageId = `<question-${Date.now()}@firms.example>`;
    await running.mailbox.append(
      'INBOX',
      await composeEmail({
        messageId,
        subject: 'Adding a new trainee',
        text: 'How do we add a new trainee to our account? Do we need to send the whole form again?',
      }),
    );
    const record = await filed(messageId);
    expect(record.outcome).toBe('review');
    expect(record.outcomeReason).toMatch(/question/);
    expect(await outboxEmails(repliesTo(messageId))).toEqual([]);
  });

  it('never accepts a form automatically when a trusted server says the sender failed DMARC', async () => {
    const messageId = `<spoofed-${Date.now()}@firms.example>`;
    await running.mailbox.append(
      'INBOX',
      await composeEmail({
        messageId,
        headers: { 'Authentication-Results': 'mx.onboarding.test; dmarc=fail header.from=firms.example; spf=fail; dkim=none' },
        attachments: [{ filename: 'form.xlsx', content: await firmForm(504, 'Cardiff Crown Court') }],
      }),
    );
    const record = await filed(messageId);
    expect(record.outcome).toBe('review');
    expect(record.outcomeReason).toMatch(/DMARC/);
    expect(await outboxEmails(repliesTo(messageId))).toEqual([]);
  });
});
