import { randomBytes } from 'node:crypto';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { composeEmail, faultyWorkbook, sampleWorkbook } from '../../src/samples/sample-emails.js';
import { ROLES, startService, type RunningService } from '../../services/service.js';
import { composeBurst, expectEachHandledOnce } from './burst.js';
import { folderContents, outboxEmails, repliesTo, testEnvironment, waitFor } from './environment.js';

export interface RedisUnderTest {
  /** The Redis settings that reach it (REDIS_URL: '' drops the shared test server's). */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export interface TopologyRun {
  service: RunningService;
  mailbox: ImapFlow;
  redis: RedisUnderTest;
}

/**
 * The end-to-end checks (a valid form, an invalid form, a burst) against the service on a Redis set up by
 * `start`; `more` adds checks of its own (a failover, say). KEY_PREFIX is a hash tag, as Cluster needs.
 */
export function endToEndOn(title: string, start: () => Promise<RedisUnderTest>, more?: (run: TopologyRun) => void) {
  describe(title, () => {
    const run = {} as TopologyRun;
    beforeAll(async () => {
      run.redis = await start();
      // Exchange's 30 sends a minute would spread the burst over minutes; here only Redis is under test.
      const environment = testEnvironment({ ...run.redis.env, KEY_PREFIX: `{t-${randomBytes(5).toString('hex')}}`, SEND_LIMIT_PER_MINUTE: '1000' });
      run.service = await startService(environment.config, ROLES, createLogger(environment.config.log));
      run.mailbox = await environment.imap();
    }, 90_000);
    afterAll(async () => {
      await run.mailbox?.logout();
      await run.service?.stop();
      await run.redis?.stop();
    });

    it('acknowledges a valid form and files it under Accepted', async () => {
      const messageId = `<valid-${Date.now()}@smith-law.example>`;
      await run.mailbox.append(
        'INBOX',
        await composeEmail({ messageId, subject: 'Registration', attachments: [{ filename: 'form.xlsx', content: await sampleWorkbook() }] }),
      );
      const reply = await waitFor(async () => (await outboxEmails(repliesTo(messageId)))[0], 'the acknowledgement', 30_000);
      expect(reply.parsed.text).toMatch(/Your reference is CP-[0-9A-F]{8}\./);
      await waitFor(async () => (await folderContents(run.mailbox, ['Accepted'])).Accepted === 1, 'the email to be filed under Accepted', 30_000);
    });

    it('rejects an invalid form with its findings and files it under Rejected', async () => {
      const messageId = `<invalid-${Date.now()}@hughes.example>`;
      await run.mailbox.append(
        'INBOX',
        await composeEmail({ messageId, from: 'clerk@hughes.example', attachments: [{ filename: 'ours.xlsx', content: await faultyWorkbook() }] }),
      );
      const rejection = await waitFor(async () => (await outboxEmails(repliesTo(messageId)))[0], 'the rejection', 30_000);
      expect(rejection.parsed.text).toMatch(/Cell [A-Z]+\d+/);
      await waitFor(async () => (await folderContents(run.mailbox, ['Rejected'])).Rejected === 1, 'the email to be filed under Rejected', 30_000);
    });

    more?.(run);

    it('handles a burst of 60 emails exactly once each', async () => {
      const before = await folderContents(run.mailbox, ['Accepted', 'Review']);
      const { burst, emails } = await composeBurst(60);
      for (const email of emails) await run.mailbox.append('INBOX', email);
      await expectEachHandledOnce(run.mailbox, burst, { timeoutMs: 120_000, alreadyFiled: (before.Accepted ?? 0) + (before.Review ?? 0) });
    }, 150_000);
  });
}
