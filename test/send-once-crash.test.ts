import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { GOOD_ORGANISATION } from '../src/form/testing/sample-answers.js';
import { createLogger } from '../src/logger.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { keysFor } from '../src/redis.js';
import { composeEmail, sampleWorkbook } from '../src/samples/sample-emails.js';
import { SubmissionStore } from '../src/submissions/submission-store.js';
import { ROLES, startService, type RunningService } from '../services/service.js';
import { outboxEmails, testEnvironment, waitFor } from './helpers/environment.js';

describe('a worker killed with SIGKILL while sending', () => {
  const environment = testEnvironment({ WATCHER_LEASE_TTL_MS: '1500' });
  const redis = new Redis(environment.config.redisUrl);
  const keys = keysFor(environment.config.keyPrefix);
  let restarted: RunningService | undefined;

  afterAll(async () => {
    await restarted?.stop();
    redis.disconnect();
  });

  it('sends no email twice after it is started again, and shows the interrupted one to staff', async () => {
    const slowUser = 'slow-2500@slowfirm.example.co.uk';
    const form = await sampleWorkbook({
      organisation: { ...GOOD_ORGANISATION, organisationName: 'Slow Firm LLP', laa: '9Z999Z', sra: '699999' },
      users: [
        ['Quick', 'Reader', 'quick@slowfirm.example.co.uk', '07700 900311', 'Organisation administrator', null],
        ['Slow', 'Reader', slowUser, '07700 900312', 'Defence lawyer', null],
      ],
    });
    const child = spawn(process.execPath, ['--import', 'tsx', 'services/main.ts'], {
      cwd: PROJECT_ROOT, env: { PATH: process.env.PATH ?? '', ...environment.env }, stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const mailbox = await environment.imap();
    const messageId = `<crash-${Date.now()}@slowfirm.example>`;
    await mailbox.append('INBOX', await composeEmail({ messageId, from: 'office@slowfirm.example', attachments: [{ filename: 'form.xlsx', content: form }] }));

    // The SMTP listener holds its answer to the slow user's activation email for 2.5 s: kill the worker then.
    await waitFor(async () => {
      const states = await Promise.all((await redis.keys(`${keys.sent('*', 'activation', '*')}`)).map((key) => redis.get(key)));
      return states.some((state) => state?.startsWith('sending'));
    }, 'the activation email to be in flight', 30_000);
    child.kill('SIGKILL');
    await exited;

    restarted = await startService(environment.config, ROLES, createLogger(environment.config.log));
    const submissions = new SubmissionStore(redis, keys);
    // The killed worker's job comes back once its lock expires; the retry finds the interrupted send.
    await waitFor(async () => {
      const [submission] = await submissions.listNewest(0, 1).then((page) => page.submissions);
      const events = submission ? await submissions.timeline(submission.submissionId) : [];
      return events.some((event) => event.event === 'activation-uncertain');
    }, 'the retry to record the interrupted send for staff', 45_000);

    const received = await outboxEmails((email) => email.raw.includes('slowfirm.example'));
    const perKindAndRecipient = new Map<string, number>();
    for (const email of received) {
      const to = email.parsed.to && 'value' in email.parsed.to ? email.parsed.to.value[0]?.address : '';
      const key = `${email.parsed.subject} → ${to}`;
      perKindAndRecipient.set(key, (perKindAndRecipient.get(key) ?? 0) + 1);
    }
    expect([...perKindAndRecipient.values()].every((count) => count === 1)).toBe(true);
    // Killed mid-send, the server may or may not have taken an email; either way none is sent a second time.
    expect(received.filter((email) => email.raw.includes(`To: ${slowUser}`)).length).toBeLessThanOrEqual(1);
    expect(received.filter((email) => email.parsed.inReplyTo === messageId)).toHaveLength(1);
    await mailbox.logout();
  }, 120_000);
});
