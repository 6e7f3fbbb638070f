import { afterAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { loadCourts } from '../src/courts/court-list.js';
import { createLogger } from '../src/logger.js';
import { priorityFor } from '../src/priority/priority.js';
import { QUEUES } from '../src/queues.js';
import { createRedis, keysFor } from '../src/redis.js';
import { RedisAccountRegistry } from '../src/registry/redis-account-registry.js';
import { composeEmail } from '../src/samples/sample-emails.js';
import { SubmissionStore } from '../src/submissions/submission-store.js';
import { ROLES, startService, type RunningService } from '../services/service.js';
import { testEnvironment, waitFor } from './helpers/environment.js';
import { firmForm } from './helpers/forms.js';
import { formsAwaitingSetup } from './helpers/submissions.js';

describe('set-up order in a backlog', () => {
  // One job at a time, so the order of set-up is exactly the order the queue hands them out.
  const environment = testEnvironment({ WORKER_CONCURRENCY: '1' });
  const redis = createRedis(environment.config.redis, 'test');
  const keys = keysFor(environment.config.keyPrefix);
  const setupQueue = new Queue(QUEUES.setup, { connection: redis, prefix: keys.bullPrefix });
  let service: RunningService | undefined;

  afterAll(async () => {
    await service?.stop();
    await setupQueue.close();
    redis.disconnect();
  });

  it('sets up 50 firms in order of their courts: live first, then the soonest go-live, unknown and far-off last', async () => {
    const courts = loadCourts();
    await setupQueue.pause();
    service = await startService(environment.config, ROLES, createLogger(environment.config.log));
    const mailbox = await environment.imap();
    const chosen = Array.from({ length: 50 }, (_, n) => courts[(n * 17) % courts.length]!);
    for (const [n, court] of chosen.entries()) {
      const content = await firmForm(n, court.name);
      await mailbox.append(
        'INBOX',
        await composeEmail({
          messageId: `<backlog-${n}-${Date.now()}@firm${n}.example>`,
          from: `clerk@firm${n}.example`,
          attachments: [{ filename: `firm-${n}.xlsx`, content }],
        }),
      );
    }
    const submissions = new SubmissionStore(redis, keys);
    await formsAwaitingSetup(submissions, 50, 'all 50 forms to be checked and waiting for set-up', 60_000);

    await setupQueue.resume();
    const registry = new RedisAccountRegistry(redis, keys);
    const organisations = await waitFor(
      async () => {
        const { total, organisations: list } = await registry.listOrganisations({ limit: 100 });
        return total === 50 ? list : null;
      },
      'all 50 organisations to be set up',
      60_000,
    );

    const now = new Date();
    const priorityOf = (name: string) => priorityFor([chosen[Number(/^Firm (\d+) /.exec(name)![1])]!], now).value;
    const inOrderOfSetUp = [...organisations].reverse().map((organisation) => priorityOf(organisation.name));
    expect(inOrderOfSetUp).toEqual([...inOrderOfSetUp].sort((a, b) => a - b));
    expect(new Set(inOrderOfSetUp).size).toBeGreaterThan(5);
    await mailbox.logout();
  }, 150_000);
});
