import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { GOOD_ORGANISATION } from '../src/form/testing/sample-answers.js';
import { createLogger } from '../src/logger.js';
import { sentKeyFor } from '../src/mail/send-records.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { createRedis, keysFor } from '../src/redis.js';
import { composeEmail, sampleWorkbook } from '../src/samples/sample-emails.js';
import { SubmissionStore } from '../src/submissions/submission-store.js';
import { ROLES, startService, type RunningService } from '../services/service.js';
import { outboxEmails, testEnvironment, waitFor, type ReceivedEmail } from './helpers/environment.js';

describe('a worker killed with SIGKILL while sending', () => {
  const closers: Array<() => Promise<unknown>> = [];

  afterAll(async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
  });

  /**
   * A firm's form with two users; the test SMTP listener holds up the second user's activation email (how, its
   * address says). The service is killed once that email's send record shows `stage`, then started again.
   */
  async function killWhileSending(domain: string, slowUser: string, stage: 'sending' | 'data') {
    const environment = testEnvironment({ WATCHER_LEASE_TTL_MS: '1500' });
    const redis = createRedis(environment.config.redis, 'test');
    closers.push(async () => redis.disconnect());
    const keys = keysFor(environment.config.keyPrefix);
    const form = await sampleWorkbook({
      organisation: { ...GOOD_ORGANISATION, organisationName: `Slow Firm ${domain}`, laa: '9Z999Z', sra: '699999' },
      users: [
        ['Quick', 'Reader', `quick@${domain}`, '07700 900311', 'Organisation administrator', null],
        ['Slow', 'Reader', slowUser, '07700 900312', 'Defence lawyer', null],
      ],
    });
    const child = spawn(process.execPath, ['--import', 'tsx', 'services/main.ts'], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH ?? '', ...environment.env },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const mailbox = await environment.imap();
    closers.push(() => mailbox.logout());
    const messageId = `<crash-${Date.now()}@${domain}>`;
    await mailbox.append('INBOX', await composeEmail({ messageId, from: `office@${domain}`, attachments: [{ filename: 'form.xlsx', content: form }] }));

    const slowRecords = sentKeyFor(keys, { emailId: '*', kind: 'activation', to: slowUser });
    await waitFor(
      async () => {
        const states = await Promise.all((await redis.keys(slowRecords)).map((key) => redis.get(key)));
        return states.some((state) => state?.startsWith(`${stage}:`));
      },
      `the slow activation email to be at ${stage}`,
      30_000,
    );
    child.kill('SIGKILL');
    await exited;

    const restarted: RunningService = await startService(environment.config, ROLES, createLogger(environment.config.log));
    closers.push(() => restarted.stop());
    const submissions = new SubmissionStore(redis, keys);
    const timeline = async () => {
      const [submission] = await submissions.listNewest(0, 1).then((page) => page.submissions);
      return submission ? submissions.timeline(submission.submissionId) : [];
    };
    return { messageId, timeline };
  }

  function countPerKindAndRecipient(received: ReceivedEmail[]): number[] {
    const perKindAndRecipient = new Map<string, number>();
    for (const email of received) {
      const to = email.parsed.to && 'value' in email.parsed.to ? email.parsed.to.value[0]?.address : '';
      const key = `${email.parsed.subject} → ${to}`;
      perKindAndRecipient.set(key, (perKindAndRecipient.get(key) ?? 0) + 1);
    }
    return [...perKindAndRecipient.values()];
  }

  it('sends no email twice after it is started again, and shows the one interrupted during DATA to staff', async () => {
    // The SMTP listener holds its answer to the message for 2.5 s: the server may have it when the worker dies.
    const slowUser = 'slow-2500@slowfirm.example.co.uk';
    const { messageId, timeline } = await killWhileSending('slowfirm.example.co.uk', slowUser, 'data');
    // The killed worker's job comes back once its lock expires; the retry finds the interrupted send.
    await waitFor(
      async () => (await timeline()).some((event) => event.event === 'activation-uncertain'),
      'the retry to record the interrupted send for staff',
      45_000,
    );

    const received = await outboxEmails((email) => email.raw.includes('slowfirm.example'));
    expect(countPerKindAndRecipient(received).every((count) => count === 1)).toBe(true);
    // Killed mid-send, the server may or may not have taken an email; either way none is sent a second time.
    expect(received.filter((email) => email.raw.includes(`To: ${slowUser}`)).length).toBeLessThanOrEqual(1);
    expect(received.filter((email) => email.parsed.inReplyTo === messageId)).toHaveLength(1);
  }, 120_000);

  it('sends an email interrupted before DATA by itself after it is started again, once', async () => {
    // The SMTP listener holds its answer to RCPT TO for 2.5 s: the worker dies before the message could be sent.
    const slowUser = 'slowrcpt-2500@earlyfirm.example.co.uk';
    const { messageId, timeline } = await killWhileSending('earlyfirm.example.co.uk', slowUser, 'sending');
    await waitFor(
      async () => (await timeline()).filter((event) => event.event === 'activation-sent').length === 2,
      'the retry to send both activation emails',
      45_000,
    );

    const received = await outboxEmails((email) => email.raw.includes('earlyfirm.example'));
    expect(countPerKindAndRecipient(received).every((count) => count === 1)).toBe(true);
    expect(received.filter((email) => email.raw.includes(`To: ${slowUser}`))).toHaveLength(1);
    expect(received.filter((email) => email.parsed.inReplyTo === messageId)).toHaveLength(1);
    expect((await timeline()).map((event) => event.event)).not.toContain('activation-uncertain');
  }, 120_000);
});
