import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { createRedis, keysFor } from '../src/redis.js';
import { composeEmail } from '../src/samples/sample-emails.js';
import { ROLES, startService, type RunningService } from '../services/service.js';
import { folderContents, outboxEmails, repliesTo, testEnvironment, waitFor } from './helpers/environment.js';

describe('an email the watcher cannot pick up', () => {
  const environment = testEnvironment();
  const keys = keysFor(environment.config.keyPrefix);
  const redis = createRedis(environment.config.redis, 'test');
  let service: RunningService | undefined;
  afterAll(async () => {
    await service?.stop();
    await redis.quit();
  });

  it('does not hold up the emails after it, and is picked up once it can be', async () => {
    const startedAt = Date.now() - 1_000;
    const mailbox = await environment.imap();
    const messageIds = [1, 2, 3].map((n) => `<isolation-${n}-${Date.now()}@smith-law.example>`);
    const appended = [];
    for (const messageId of messageIds) appended.push(await mailbox.append('INBOX', await composeEmail({ messageId })));
    // The second email's place in Redis holds something no pickup can read (WRONGTYPE on every attempt).
    const second = appended[1];
    if (!second || typeof second !== 'object') throw new Error('the server did not say where the email went (UIDPLUS)');
    const location = keys.location('INBOX', String(second.uidValidity), Number(second.uid));
    await redis.rpush(location, 'not an email id');

    service = await startService(environment.config, ROLES, createLogger(environment.config.log));
    const answered = async (messageId: string) => (await outboxEmails(repliesTo(messageId), startedAt)).length;
    await waitFor(
      async () => (await answered(messageIds[0]!)) === 1 && (await answered(messageIds[2]!)) === 1,
      'the first and third emails to be answered',
      60_000,
    );
    // Filing follows the replies (and may gather for a moment): the two answered emails leave, the held-up one stays.
    await waitFor(async () => (await folderContents(mailbox, ['INBOX'])).INBOX === 1, 'the answered emails to be filed', 60_000);
    expect(await answered(messageIds[1]!)).toBe(0);

    // Once the fault is gone, the next scan (here, one a new email sets off) picks the held-up email up.
    await redis.del(location);
    const fourth = `<isolation-4-${Date.now()}@smith-law.example>`;
    await mailbox.append('INBOX', await composeEmail({ messageId: fourth }));
    await waitFor(
      async () => (await answered(messageIds[1]!)) === 1 && (await answered(fourth)) === 1,
      'the held-up email and the new one to be answered',
      60_000,
    );
    await waitFor(async () => (await folderContents(mailbox, ['INBOX'])).INBOX === 0, 'the inbox to be emptied', 60_000);
    for (const messageId of [...messageIds, fourth]) expect(await answered(messageId)).toBe(1);
    await mailbox.logout();
  }, 240_000);
});
