import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImapFlow } from 'imapflow';
import { loadConfig } from '../src/config.js';
import { EmailStore } from '../src/emails/email-store.js';
import { createLogger } from '../src/logger.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { createRedis, keysFor } from '../src/redis.js';
import { GROUP_MAX_EMAILS } from '../services/mailbox-watcher/pickup.js';
import { ROLES, startService, type RunningService } from '../services/service.js';
import { composeBurst, expectEachHandledOnce } from './helpers/burst.js';
import { folderContents, outboxEmails, testEnvironment, waitFor } from './helpers/environment.js';
import { startOwnDovecot } from './helpers/own-dovecot.js';
import { ImapFlow as Client } from 'imapflow';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length > 0)
    await cleanups
      .pop()?.()
      .catch(() => undefined);
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
    // About 20 s on an idle machine; a busy one stretches it several times over.
    await expectEachHandledOnce(mailbox, burst, { timeoutMs: 150_000 });
  }, 180_000);

  it('files emails already answered while the scan is still downloading a burst', async () => {
    const environment = testEnvironment({ SEND_LIMIT_PER_MINUTE: '1000' });
    const logger = createLogger(environment.config.log);
    const redis = createRedis(environment.config.redis, 'test');
    cleanups.push(() => redis.quit());
    const store = new EmailStore(redis, keysFor(environment.config.keyPrefix));
    const workers = await startService(environment.config, ['worker'], logger);
    cleanups.push(() => workers.stop());
    const mailbox = await connect('127.0.0.1', environment.config.imap.port, environment.user, environment.password);
    // Enough emails after the answered ones for several pickup groups (GROUP_MAX_EMAILS each) to follow theirs.
    const { burst, emails } = await composeBurst(5 + 6 * GROUP_MAX_EMAILS);
    const answered = new Set(burst.messageIds.slice(0, 5));
    const repliesTo = (ids: Set<string>) => outboxEmails((email) => ids.has(String(email.parsed.inReplyTo)));

    // A watcher picks the first emails up and stops before they are answered, so they stay in the inbox...
    const firstWatcher = await startService(environment.config, ['watcher'], logger);
    cleanups.push(() => firstWatcher.stop());
    await appendAll(mailbox, emails.slice(0, 5));
    await waitFor(async () => (await store.listSince(0)).length === 5, 'the first emails to be picked up');
    await firstWatcher.stop();
    await waitFor(async () => (await repliesTo(answered)).length === 5, 'the first emails to be answered', 30_000);
    // ...and a burst arrives meanwhile: the next watcher's scan finds the answered emails first, then the burst.
    await appendAll(mailbox, emails.slice(5));
    const watcher = await startService(environment.config, ['watcher'], logger);
    cleanups.push(() => watcher.stop());
    await expectEachHandledOnce(mailbox, burst, { timeoutMs: 150_000 });

    const records = await store.listSince(0);
    const lastPickedUpAt = Math.max(...records.filter((record) => !answered.has(record.messageId)).map((record) => record.pickedUpAt));
    const repliedAt = new Map((await repliesTo(answered)).map((reply) => [String(reply.parsed.inReplyTo), Number(reply.file.split('-')[0])]));
    const waits = records
      .filter((record) => answered.has(record.messageId))
      .map((record) => ({
        messageId: record.messageId,
        inInboxAfterReplyMs: (record.filedAt ?? Infinity) - repliedAt.get(record.messageId)!,
        filedWhileBurstDownloading: (record.filedAt ?? Infinity) < lastPickedUpAt,
      }));
    // Filing waits at most for the group being downloaded: the answered emails leave the inbox while the burst is
    // still downloading.
    expect(waits.filter((wait) => !wait.filedWhileBurstDownloading)).toEqual([]);
  }, 180_000);

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
    await waitFor(async () => ((await folderContents(mailbox, ['INBOX'])).INBOX ?? 50) < 45, 'the service to get going', 90_000);
    child.kill('SIGKILL');
    await exited;
    await appendAll(mailbox, emails.slice(50));
    const service = await startService(environment.config, ROLES, createLogger(environment.config.log));
    cleanups.push(() => service.stop());
    // Jobs the killed process held come back once their locks expire (WORKER_LOCK), about 15 s.
    const { uncertain } = await expectEachHandledOnce(mailbox, burst, { timeoutMs: 90_000, allowUncertain: true });
    // Only replies in flight at the moment of the kill can be uncertain: at most one per concurrent job.
    expect(uncertain).toBeLessThanOrEqual(environment.config.workerConcurrency);
  }, 240_000);
});
