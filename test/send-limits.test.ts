import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { SendQuota } from '../src/mail/send-quota.js';
import { createRedis, keysFor } from '../src/redis.js';
import { composeEmail } from '../src/samples/sample-emails.js';
import { folderContents, outboxEmails, repliesTo, testEnvironment, waitFor } from './helpers/environment.js';
import { withRunningService } from './helpers/running-service.js';

describe('send quotas per From address, as Exchange Online counts them', () => {
  const redis = createRedis(testEnvironment().config.redis, 'test');
  afterAll(() => redis.disconnect());

  it('allows so many messages in any minute and recipients in any day, and says how long to wait', async () => {
    const clock = { now: 1_000_000 };
    const keys = keysFor(`quota-${Date.now()}`);
    const quota = new SendQuota(redis, keys, { perMinute: 3, recipientsPerDay: 5 }, () => clock.now);
    for (let i = 0; i < 3; i += 1) {
      expect(await quota.reserve('CPOnboarding@justice.gov.uk')).toBe(0);
      clock.now += 10_000;
    }
    // The first of the three went out 30 s ago: room again 30 s from now.
    expect(await quota.reserve('cponboarding@justice.gov.uk')).toBe(30_000);
    // Another sender has its own budget.
    expect(await quota.reserve('noreply@cjscp.org.uk')).toBe(0);
    clock.now += 30_000;
    expect(await quota.reserve('CPOnboarding@justice.gov.uk')).toBe(0);
    clock.now += 120_000;
    expect(await quota.reserve('CPOnboarding@justice.gov.uk')).toBe(0);
    // Five recipients a day: the sixth waits until the first leaves the 24-hour window.
    const dayWait = await quota.reserve('CPOnboarding@justice.gov.uk');
    expect(dayWait).toBe(24 * 3600_000 - (clock.now - 1_000_000));
  });
});

describe("a burst over the sender's limit", () => {
  const environment = testEnvironment({ SEND_LIMIT_PER_MINUTE: '2' });
  const running = withRunningService(environment);

  it('waits in its queue instead of failing, and every email is answered once', async () => {
    const started = Date.now();
    const ids = [1, 2, 3].map((n) => `<limit-${n}-${started}@firm${n}.example.co.uk>`);
    for (const [index, messageId] of ids.entries()) {
      await running.mailbox.append('INBOX', await composeEmail({ messageId, from: `Clerk <clerk@limit${index}.example.co.uk>`, subject: 'Registration' }));
    }
    const answered = await waitFor(
      async () => {
        const counts = (await Promise.all(ids.map((id) => outboxEmails(repliesTo(id), started)))).map((found) => found.length);
        return counts.filter((count) => count === 1).length === 2 ? counts : null;
      },
      'two replies within the limit',
      30_000,
    );
    expect(answered.every((count) => count <= 1)).toBe(true);
    const queue = new Queue('intake', { connection: running.redis, prefix: keysFor(environment.config.keyPrefix).bullPrefix });
    try {
      // The third waits for the minute to pass; its job neither fails nor uses up its attempts.
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      expect((await Promise.all(ids.map((id) => outboxEmails(repliesTo(id), started)))).filter((found) => found.length === 1)).toHaveLength(2);
      expect(await queue.getJobCounts('failed')).toEqual({ failed: 0 });
      await waitFor(
        async () => {
          const counts = (await Promise.all(ids.map((id) => outboxEmails(repliesTo(id), started)))).map((found) => found.length);
          return counts.every((count) => count === 1) ? counts : null;
        },
        'the third reply once the minute has passed',
        90_000,
      );
      const third = (await Promise.all(ids.map((id) => outboxEmails(repliesTo(id), started))))
        .flat()
        .map((email) => Number(email.file.split('-')[0]))
        .sort();
      expect(third[2]! - third[0]!).toBeGreaterThanOrEqual(50_000);
      const jobs = await queue.getJobs(['completed']);
      expect(jobs.every((job) => job.attemptsMade <= 1)).toBe(true);
      expect(await queue.getJobCounts('failed')).toEqual({ failed: 0 });
    } finally {
      await queue.close();
    }
  }, 150_000);
});

describe('SENT_COPY=skip, for servers that file what they send themselves', () => {
  const environment = testEnvironment({ SENT_COPY: 'skip' });
  const running = withRunningService(environment);

  it('sends the reply without appending a copy to Sent', async () => {
    const messageId = `<skip-${Date.now()}@smith-law.example>`;
    await running.mailbox.append('INBOX', await composeEmail({ messageId, subject: 'Registration' }));
    await waitFor(async () => (await outboxEmails(repliesTo(messageId))).length === 1, 'the reply');
    await waitFor(async () => (await folderContents(running.mailbox, ['INBOX'])).INBOX === 0, 'the email filed');
    const copyJobs = new Queue('sent-copy', { connection: running.redis, prefix: keysFor(environment.config.keyPrefix).bullPrefix });
    try {
      expect(await copyJobs.count()).toBe(0);
      expect((await copyJobs.getJobCounts('completed')).completed).toBe(0);
    } finally {
      await copyJobs.close();
    }
    expect(await folderContents(running.mailbox, ['Sent'])).toEqual({ Sent: 0 });
  });
});
