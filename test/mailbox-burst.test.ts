import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImapFlow } from 'imapflow';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { ROLES, startService, type RunningService } from '../services/service.js';
import { composeBurst, expectEachHandledOnce } from './helpers/burst.js';
import { folderContents, testEnvironment, waitFor } from './helpers/environment.js';
import { startOwnDovecot } from './helpers/own-dovecot.js';
import { ImapFlow as Client } from 'imapflow';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.().catch(() => undefined);
});

async function appendAll(mailbox: ImapFlow, emails: Buffer[], during?: { at: number; action: () => Promise<void> }) {
  for (const [index, email] of emails.entries()) {
    if (during && index === during.at) await during.action();
    await mailbox.append('INBOX', email);
  }
}

async function connect(host: string, port: number, user: string, pass: string): Promise<ImapFlow> {
  const client = new Client({ host, port, secure: false, auth: { user, pass }, logger: false });
  await client.connect();
  cleanups.push(() => client.logout());
  return client;
}

describe('mailbox pickup under a burst', () => {
  it('handles 200 emails appended in a burst exactly once each', async () => {
    const environment = testEnvironment();
    const service: RunningService = await startService(environment.config, ROLES, createLogger(environment.config.log));
    cleanups.push(() => service.stop());
    const mailbox = await connect('127.0.0.1', environment.config.imap.port, environment.user, environment.password);
    const { burst, emails } = await composeBurst(200);
    await appendAll(mailbox, emails);
    await expectEachHandledOnce(mailbox, burst);
  });

  it('handles every email exactly once when the IMAP server restarts mid-burst', async () => {
    const own = await startOwnDovecot('restart');
    const { dovecot } = own;
    cleanups.push(() => own.dispose());
    const environment = testEnvironment({ IMAP_URL: dovecot.imapUrl('restart', 'restart') });
    const config = loadConfig(environment.env);
    const service = await startService(config, ROLES, createLogger(config.log));
    cleanups.push(() => service.stop());
    const { burst, emails } = await composeBurst(100);
    let mailbox = await connect('127.0.0.1', dovecot.port, 'restart', 'restart');
    await appendAll(mailbox, emails, {
      at: 50,
      action: async () => {
        await dovecot.restart();
        mailbox = await connect('127.0.0.1', dovecot.port, 'restart', 'restart');
      },
    });
    await expectEachHandledOnce(mailbox, burst);
  });

  it('handles every email exactly once when the service is killed with SIGKILL mid-burst and started again', async () => {
    const environment = testEnvironment({ WATCHER_LEASE_TTL_MS: '1500' });
    const child = spawn(process.execPath, ['--import', 'tsx', 'services/main.ts'], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH ?? '', ...environment.env },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    cleanups.push(async () => {
      child.kill('SIGKILL');
      await exited;
    });
    const mailbox = await connect('127.0.0.1', environment.config.imap.port, environment.user, environment.password);
    const { burst, emails } = await composeBurst(100);
    await appendAll(mailbox, emails.slice(0, 50));
    // Kill once the service is part-way through: some emails filed, others not yet picked up or replied to.
    await waitFor(async () => ((await folderContents(mailbox, ['INBOX'])).INBOX ?? 50) < 45, 'the service to get going', 30_000);
    child.kill('SIGKILL');
    await exited;
    await appendAll(mailbox, emails.slice(50));
    const service = await startService(environment.config, ROLES, createLogger(environment.config.log));
    cleanups.push(() => service.stop());
    // Jobs the killed process held come back once their locks expire (WORKER_LOCK), about 15 s.
    const { uncertain } = await expectEachHandledOnce(mailbox, burst, { timeoutMs: 90_000, allowUncertain: true });
    // Only replies in flight at the moment of the kill can be uncertain: at most one per concurrent job.
    expect(uncertain).toBeLessThanOrEqual(environment.config.workerConcurrency);
  }, 120_000);
});
