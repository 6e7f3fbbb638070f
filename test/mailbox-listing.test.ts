import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailboxPosition } from '../src/emails/mailbox-positions.js';
import { createLogger } from '../src/logger.js';
import { composeEmail } from '../src/samples/sample-emails.js';
import { listMessages, type ListingRequest } from '../services/mailbox-watcher/mailbox-listing.js';
import { testEnvironment } from './helpers/environment.js';

describe('listing the emails a scan looks at', () => {
  const environment = testEnvironment();
  const logger = createLogger(environment.config.log);
  let client: ImapFlow;
  let uidValidity = '';
  let uids: number[] = [];

  beforeAll(async () => {
    const appender = await environment.imap();
    for (let n = 1; n <= 6; n += 1) await appender.append('INBOX', await composeEmail({ messageId: `<listing-${n}-${Date.now()}@smith-law.example>` }));
    await appender.logout();
    client = await environment.imap();
    const opened = await client.mailboxOpen('INBOX');
    uidValidity = String(opened.uidValidity);
    uids = (await client.fetchAll('1:*', { uid: true })).map((message) => message.uid);
    await client.mailboxClose();
  });
  afterAll(async () => {
    await client.logout();
  });

  const at = (index: number): MailboxPosition => ({ uidValidity, lastUid: uids[index - 1] ?? 0 });
  const list = async (kind: ListingRequest['kind'], stored: MailboxPosition | null, hint: MailboxPosition | null) => {
    const listing = await listMessages(client, { mailbox: 'INBOX', kind, stored: Promise.resolve(stored), hint }, logger);
    return { ...listing, uids: listing.messages.map((message) => message.uid) };
  };

  it('lists the emails above the stored position when the hint agrees with it', async () => {
    const listing = await list('new', at(2), at(2));
    expect(listing).toMatchObject({ uidValidity, lastUid: at(2).lastUid, sameMailbox: true, uids: uids.slice(2) });
    expect(listing.messages[0]?.envelope?.messageId).toMatch(/^<listing-3-/);
  });

  it('also lists the emails between a stored position behind the hint and the hint', async () => {
    // What a Redis failover that lost the last position written leaves: the hint must not skip emails 3 and 4.
    expect((await list('new', at(2), at(4))).uids).toEqual(uids.slice(2));
  });

  it('leaves out the emails at or below a stored position ahead of the hint', async () => {
    // Another watcher moved the position on while this one was standing by.
    expect((await list('new', at(4), at(1))).uids).toEqual(uids.slice(4));
  });

  it('lists from the stored position when the hint is for another UIDVALIDITY or there is none', async () => {
    expect((await list('new', at(3), { uidValidity: `${uidValidity}0`, lastUid: 1 })).uids).toEqual(uids.slice(3));
    expect((await list('new', at(3), null)).uids).toEqual(uids.slice(3));
  });

  it('lists every email on a full scan, and when the stored position is for another UIDVALIDITY or missing', async () => {
    expect((await list('full', at(5), at(5))).uids).toEqual(uids);
    const otherMailbox = await list('new', { uidValidity: `${uidValidity}0`, lastUid: 4 }, at(4));
    expect(otherMailbox).toMatchObject({ lastUid: 0, sameMailbox: false, uids });
    expect(await list('new', null, at(4))).toMatchObject({ lastUid: 0, sameMailbox: false, uids });
  });

  it('fails when the stored position cannot be read, and leaves the mailbox free for the next scan', async () => {
    const failing: ListingRequest = { mailbox: 'INBOX', kind: 'new', stored: Promise.reject(new Error('Redis is down')), hint: at(2) };
    await expect(listMessages(client, failing, logger)).rejects.toThrow('Redis is down');
    expect((await list('new', at(5), at(5))).uids).toEqual(uids.slice(5));
  });
});

describe('the content a scan of new mail lists with each email', () => {
  const environment = testEnvironment();
  const logger = createLogger(environment.config.log);

  it('is the whole email when it fits in the bytes asked for, and nothing when it does not', async () => {
    const appender = await environment.imap();
    const small = await composeEmail({ messageId: `<small-${Date.now()}@smith-law.example>` });
    const large = await composeEmail({
      messageId: `<large-${Date.now()}@smith-law.example>`,
      attachments: [{ filename: 'scan.pdf', content: Buffer.alloc(1_200_000, 7) }],
    });
    for (const raw of [small, large]) await appender.append('INBOX', raw);
    await appender.logout();
    const client = await environment.imap();
    try {
      const listed = async (kind: ListingRequest['kind']) =>
        (await listMessages(client, { mailbox: 'INBOX', kind, stored: Promise.resolve(null), hint: null }, logger)).messages;
      const [first, second] = await listed('new');
      expect(first?.source?.equals(Buffer.from(small.toString().replace(/\r?\n/g, '\r\n')))).toBe(true);
      expect(second?.size).toBeGreaterThan(1_200_000);
      expect(second?.source).toBeUndefined();
      // A full scan (a poll, a reconnect) mostly finds emails already picked up: it lists no content.
      expect((await listed('full')).map((message) => message.source)).toEqual([undefined, undefined]);
    } finally {
      await client.logout();
    }
  });
});
