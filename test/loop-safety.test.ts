import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EmailStore } from '../src/emails/email-store.js';
import { keysFor } from '../src/redis.js';
import { composeEmail } from '../src/samples/sample-emails.js';
import { folderContents, outboxEmails, testEnvironment, waitFor, repliesTo } from './helpers/environment.js';
import { withRunningService } from './helpers/running-service.js';

/** A fixture as mail software wrote it, under a Message-ID of its own so each run is a new email. */
function mailFixture(name: string, messageId: string): Buffer {
  const raw = readFileSync(new URL(`./fixtures/mail/${name}`, import.meta.url), 'latin1');
  return Buffer.from(raw.replace(/^(Message-ID:)\s*<[^>]+>/im, `$1 ${messageId}`), 'latin1');
}

describe('no automatic reply to automatic mail (RFC 3834), and a limit per sender', () => {
  const environment = testEnvironment({ REPLY_LIMIT_PER_HOUR: '2' });
  const emails = () => new EmailStore(running.redis, keysFor(environment.config.keyPrefix));
  const running = withRunningService(environment);

  it('files auto-replies, list mail, bulk mail and robot senders under Review without answering them', async () => {
    const tag = `robot${Date.now()}`;
    const robots: Array<{ from?: string; headers?: Record<string, string> }> = [
      { headers: { 'Auto-Submitted': 'auto-replied' } },
      { headers: { 'List-Id': '<law-news.lists.example>', 'List-Unsubscribe': '<mailto:leave@lists.example>' } },
      { headers: { Precedence: 'bulk' } },
      { from: 'MAILER-DAEMON@mx.firm.example' },
      { from: 'no-reply@portal.example' },
    ];
    const ids = robots.map((_, index) => `<${tag}-${index}@robots.example>`);
    for (const [index, robot] of robots.entries()) {
      await running.mailbox.append('INBOX', await composeEmail({ messageId: ids[index], subject: 'Out of office', ...robot }));
    }
    await waitFor(async () => (await folderContents(running.mailbox, ['INBOX', 'Review'])).Review === robots.length, 'every robot email to reach Review');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await outboxEmails((email) => String(email.parsed.inReplyTo ?? '').includes(tag))).toEqual([]);
  });

  it('links a bounce of our own reply to the email it answered, and does not answer the bounce', async () => {
    const messageId = `<bounced-${Date.now()}@smith-law.example>`;
    await running.mailbox.append('INBOX', await composeEmail({ messageId, subject: 'Hello', from: 'gone@smith-law.example' }));
    const reply = await waitFor(async () => (await outboxEmails(repliesTo(messageId)))[0], 'our reply');
    const bounce = readFileSync(new URL('./fixtures/mail/bounce-postfix.eml', import.meta.url), 'utf8')
      .replace(/<0123456789abcdef0123456789abcdef\.form-received\.fedcba9876543210@justice\.gov\.uk>/, reply.parsed.messageId ?? '')
      .replace('<20250303101502.3F2A1C0123@mx.firm.example>', `<dsn-${Date.now()}@mx.firm.example>`);
    const reviewBefore = (await folderContents(running.mailbox, ['Review'])).Review ?? 0;
    await running.mailbox.append('INBOX', Buffer.from(bounce));
    await waitFor(async () => (await folderContents(running.mailbox, ['Review'])).Review === reviewBefore + 1, 'the bounce to reach Review');
    const original = (await emails().listSince(0)).find((record) => record.messageId === messageId);
    expect(original?.bounces).toMatchObject([{ status: '5.1.1', action: 'failed' }]);
    expect(await outboxEmails((email) => email.raw.includes('dsn-'))).toEqual([]);
  });

  it('answers one sender at most the configured number of times an hour; the rest go to Review', async () => {
    const tag = `chatty${Date.now()}`;
    for (let index = 0; index < 3; index += 1) {
      await running.mailbox.append(
        'INBOX',
        await composeEmail({ messageId: `<${tag}-${index}@chatty.example>`, from: 'chatty@chatty.example', subject: `Hello ${index}` }),
      );
    }
    const records = await waitFor(async () => {
      const found = (await emails().listSince(0)).filter((record) => record.messageId.includes(tag) && record.state === 'filed');
      return found.length === 3 ? found : null;
    }, 'all three emails to be filed');
    expect(records.map((record) => record.outcome).sort()).toEqual(['processed', 'processed', 'review']);
    expect(await outboxEmails((email) => String(email.parsed.inReplyTo ?? '').includes(tag))).toHaveLength(2);
  });

  it('reads repeated headers in full: an auto-reply with Auto-Submitted twice is not answered, a person’s email with two Return-Paths is', async () => {
    const tag = Date.now();
    const autoReplyId = `<auto-twice-${tag}@EXCH01.evans-jones.local>`;
    const personId = `<two-return-paths-${tag}@gmail.com>`;
    const reviewBefore = (await folderContents(running.mailbox, ['Review'])).Review ?? 0;
    await running.mailbox.append('INBOX', mailFixture('auto-reply-repeated-auto-submitted.eml', autoReplyId));
    await running.mailbox.append('INBOX', mailFixture('gmail-iphone-two-return-paths.eml', personId));
    const reply = await waitFor(async () => (await outboxEmails(repliesTo(personId)))[0], 'the reply to the person');
    expect(reply.parsed.to).toMatchObject({ value: [{ address: 'jane.clerk.smithlaw@gmail.com' }] });
    await waitFor(async () => (await folderContents(running.mailbox, ['Review'])).Review === reviewBefore + 1, 'the auto-reply to reach Review');
    const records = await emails().listSince(0);
    expect(records.find((record) => record.messageId === autoReplyId)).toMatchObject({
      outcome: 'review',
      outcomeReason: 'no reply sent: it was sent automatically (Auto-Submitted)',
    });
    expect(records.find((record) => record.messageId === personId)).toMatchObject({ outcome: 'processed' });
    expect(await outboxEmails(repliesTo(autoReplyId))).toEqual([]);
  });

  it('files read receipts and vacation replies that carry no Auto-Submitted under Review, saying why, without answering them', async () => {
    const tag = Date.now();
    const cases = [
      { fixture: 'read-receipt-outlook.eml', messageId: `<mdn-${tag}@AM9PR03MB7218.eurprd03.prod.outlook.com>`, reason: 'no reply sent: it is a read receipt' },
      { fixture: 'vacation-icloud.eml', messageId: `<${tag}-vac@icloud.com>`, reason: 'no reply sent: it is an automatic reply (an iCloud vacation reply)' },
    ];
    const reviewBefore = (await folderContents(running.mailbox, ['Review'])).Review ?? 0;
    for (const { fixture, messageId } of cases) await running.mailbox.append('INBOX', mailFixture(fixture, messageId));
    await waitFor(async () => (await folderContents(running.mailbox, ['Review'])).Review === reviewBefore + cases.length, 'both to reach Review');
    const records = await emails().listSince(0);
    for (const { messageId, reason } of cases) {
      expect(records.find((record) => record.messageId === messageId)).toMatchObject({ outcome: 'review', outcomeReason: reason });
      expect(await outboxEmails(repliesTo(messageId))).toEqual([]);
    }
  });
});
