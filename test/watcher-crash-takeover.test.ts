import { afterAll, describe, expect, it } from 'vitest';
import { startServiceProcess, type ServiceProcess } from '../bench/service-process.js';
import { EmailStore } from '../src/emails/email-store.js';
import { createRedis, keysFor } from '../src/redis.js';
import { composeEmail } from '../src/samples/sample-emails.js';
import { testEnvironment, waitFor } from './helpers/environment.js';

// Long enough that a takeover which waited for the crashed watcher's lease to expire would fail the test.
const LEASE_MS = 120_000;

describe('a watcher killed with SIGKILL', () => {
  const environment = testEnvironment({ WATCHER_LEASE_TTL_MS: String(LEASE_MS) });
  const redis = createRedis(environment.config.redis, 'test');
  const keys = keysFor(environment.config.keyPrefix);
  const store = new EmailStore(redis, keys);
  const processes: ServiceProcess[] = [];

  afterAll(async () => {
    await Promise.all(processes.map((child) => child.kill('SIGKILL')));
    redis.disconnect();
  });

  const pickedUp = (count: number) => async () => (await store.listIdsSince(0)).length >= count;
  const email = (n: number) => composeEmail({ messageId: `<crash-${n}-${Date.now()}@firm.example>`, from: 'clerk@firm.example', subject: `No form ${n}` });

  it('is replaced by a watcher on the same host that picks up new mail at once, not after the lease expires', async () => {
    const mailbox = await environment.imap();
    try {
      processes.push(startServiceProcess(environment.env, ['watcher'], 'first watcher'));
      await mailbox.append('INBOX', await email(1));
      await waitFor(pickedUp(1), 'the first watcher to pick up an email', 60_000);

      await processes[0]!.kill('SIGKILL');
      const killedAt = Date.now();
      const successor = startServiceProcess(environment.env, ['watcher'], 'second watcher');
      processes.push(successor);
      await mailbox.append('INBOX', await email(2));
      await waitFor(pickedUp(2), 'the new watcher to pick up an email', LEASE_MS / 2);

      expect(Date.now() - killedAt).toBeLessThan(LEASE_MS);
      const holder = JSON.parse((await redis.get(keys.watcherLease)) ?? '{}') as { process?: { pid: number } };
      expect(holder.process?.pid).toBe(successor.child.pid);
    } finally {
      await mailbox.logout();
    }
  }, 150_000);
});
