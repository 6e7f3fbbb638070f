import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { ROLES, startService, type RunningService } from '../services/service.js';
import { composeEmail, sampleWorkbook } from '../src/samples/sample-emails.js';
import { folderContents, outboxEmails, testEnvironment, waitFor } from './helpers/environment.js';
import { createRedis } from '../src/redis.js';

function startServiceProcess(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'services/main.ts'], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('SIGTERM while a reply is being sent', () => {
  const environment = testEnvironment();
  const redis = createRedis(environment.config.redis, 'test');
  let restarted: RunningService | undefined;

  afterAll(async () => {
    await restarted?.stop();
    redis.disconnect();
  });

  it('finishes the reply, exits 0 within 10 s, and after a restart files the email without a second reply', async () => {
    const child = startServiceProcess(environment.env);
    const exited = exitOf(child);
    const messageId = `<sigterm-${Date.now()}@slow-firm.example>`;
    // The test SMTP listener holds its answer for 3 s for this sender, so the job is mid-send when we signal.
    const raw = await composeEmail({
      messageId,
      from: 'slow-3000@slow-firm.example',
      attachments: [{ filename: 'form.xlsx', content: await sampleWorkbook() }],
    });
    const mailbox = await environment.imap();
    await mailbox.append('INBOX', raw);

    await waitFor(
      async () => {
        const keys = await redis.keys(`${environment.config.keyPrefix}:sent:*`);
        const states = await Promise.all(keys.map((key) => redis.get(key)));
        return states.some((state) => state?.startsWith('data:'));
      },
      'the reply to be in flight',
      30_000,
    );
    const signalledAt = Date.now();
    child.kill('SIGTERM');
    const code = await exited;
    const shutdownMs = Date.now() - signalledAt;

    expect(code).toBe(0);
    expect(shutdownMs).toBeLessThan(10_000);
    const repliesTo = (email: { parsed: { inReplyTo?: string } }) => email.parsed.inReplyTo === messageId;
    expect(await outboxEmails(repliesTo)).toHaveLength(1);

    restarted = await startService(environment.config, ROLES, createLogger(environment.config.log));
    await waitFor(async () => {
      const counts = await folderContents(mailbox, ['INBOX', 'Accepted']);
      return counts.INBOX === 0 && counts.Accepted === 1;
    }, 'the email to be filed after the restart');
    // Give a wrongly repeated job time to show itself before counting replies again.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await outboxEmails(repliesTo)).toHaveLength(1);
    await mailbox.logout();
  });
});
