import { describe, expect, it } from 'vitest';
import { composeEmail, sampleWorkbook } from '../src/samples/sample-emails.js';
import { folderContents, outboxEmails, testEnvironment, waitFor, repliesTo } from './helpers/environment.js';
import { withRunningService } from './helpers/running-service.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('one email in, one reply out', () => {
  const environment = testEnvironment();
  const running = withRunningService(environment);

  it('acknowledges a valid form in the same thread and files it under Accepted', async () => {
    const messageId = `<form-${Date.now()}@smith-law.example>`;
    const raw = await composeEmail({
      messageId,
      subject: 'Registration for Smith Law',
      attachments: [{ filename: 'Registration form.xlsx', content: await sampleWorkbook(), contentType: XLSX_TYPE }],
    });
    await running.mailbox.append('INBOX', raw);

    const [reply] = await waitFor(async () => {
      const found = await outboxEmails(repliesTo(messageId));
      return found.length > 0 ? found : null;
    }, 'the acknowledgement');
    expect(reply?.parsed.subject).toBe('Re: Registration for Smith Law');
    expect(reply?.parsed.from?.value[0]?.address).toBe('CPOnboarding@justice.gov.uk');
    expect(reply?.parsed.to && 'value' in reply.parsed.to ? reply.parsed.to.value[0]?.address : null).toBe('clerk@smith-law.example');
    expect(reply?.parsed.references).toContain(messageId);
    expect(reply?.parsed.headers.get('auto-submitted')).toBe('auto-replied');
    expect(reply?.parsed.text).toMatch(/Your reference is CP-[0-9A-F]{8}\./);
    expect(reply?.parsed.text).toContain('Registration form.xlsx');
    expect(reply?.parsed.html).toBeTruthy();

    const folders = await waitFor(async () => {
      const counts = await folderContents(running.mailbox, ['INBOX', 'Accepted']);
      return counts.INBOX === 0 && counts.Accepted === 1 ? counts : null;
    }, 'the email to move to Accepted');
    expect(folders).toEqual({ INBOX: 0, Accepted: 1 });
    expect(await outboxEmails(repliesTo(messageId))).toHaveLength(1);

    // The mailbox keeps a copy of every reply in Sent, byte for byte what went out.
    const sent = await waitFor(async () => {
      const lock = await running.mailbox.getMailboxLock('Sent');
      try {
        const found = await running.mailbox.search({ header: { 'in-reply-to': messageId } }, { uid: true });
        return found && found.length > 0 ? await running.mailbox.fetchOne(String(found[0]), { source: true }, { uid: true }) : null;
      } finally {
        lock.release();
      }
    }, 'a copy of the reply in Sent');
    expect(sent && sent.source?.toString()).toBe(reply?.raw);
  });

  it('answers an email without a form with the download links, to its Reply-To', async () => {
    const messageId = `<noform-${Date.now()}@smith-law.example>`;
    await running.mailbox.append('INBOX', await composeEmail({ messageId, subject: 'Hello', replyTo: 'office@smith-law.example' }));

    const reply = await waitFor(async () => (await outboxEmails(repliesTo(messageId)))[0], 'the reply');
    expect(reply.parsed.subject).toBe('Re: Hello');
    expect(reply.raw).toContain('To: office@smith-law.example');
    expect(reply.parsed.text).toContain('/forms/registration.xlsx');
  });

  it('reports ready once Redis and the mailbox are connected', async () => {
    const response = await running.service.web!.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ redis: 'connected', imap: 'connected' });
    expect((await running.service.web!.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });
});
