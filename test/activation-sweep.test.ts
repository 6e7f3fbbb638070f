import { afterAll, describe, expect, it } from 'vitest';
import type { NotifyJob } from '../src/queues.js';
import { createRedis, keysFor } from '../src/redis.js';
import { ActivationTokens } from '../src/registry/activation-tokens.js';
import { RedisAccountRegistry } from '../src/registry/redis-account-registry.js';
import { UserSubmissions } from '../src/registry/user-submissions.js';
import { handleActivationSweep, type SweepDeps } from '../workers/housekeeping/handler.js';
import { testEnvironment } from './helpers/environment.js';

const DAY = 24 * 3600 * 1000;

describe('activation sweep', () => {
  const environment = testEnvironment();
  const redis = createRedis(environment.config.redis, 'test');
  afterAll(() => redis.disconnect());

  it('queues one day-21 reminder per unused link, then shows the account as expired after day 28', async () => {
    const keys = keysFor(environment.config.keyPrefix);
    let now = new Date('2026-12-01T09:00:00Z');
    const clock = () => now;
    const registry = new RedisAccountRegistry(redis, keys, clock);
    const tokens = new ActivationTokens(redis, keys, {}, clock);
    const created = await registry.upsertOrganisation(
      {
        organisation: { name: 'Sweep & Co', type: 'solicitors-firm', identifiers: { sra: '654321' }, courts: ['C1'] },
        users: [{ firstName: 'Ada', lastName: 'Jones', email: 'ada@sweep.example', mobileE164: '+447700900555', roles: ['organisation-administrator'] }],
      },
      'a'.repeat(32) + '-1',
    );
    if (created.outcome === 'identifier-conflict') throw new Error('unexpected conflict');
    const user = created.users[0];
    if (!user || user.outcome === 'conflict') throw new Error('user not created');
    await tokens.issue(user.userId);
    await registry.setActivationState(user.userId, 'invited');
    const userSubmissions = new UserSubmissions(redis, keys);
    await userSubmissions.set(user.userId, 'a'.repeat(32) + '-1');

    const queued: NotifyJob[] = [];
    const deps: SweepDeps = { tokens, registry, userSubmissions, enqueue: { notify: async (job: NotifyJob) => void queued.push(job) } };

    now = new Date(now.getTime() + 20 * DAY);
    expect(await handleActivationSweep(deps)).toEqual({ reminders: 0, expired: 0 });
    now = new Date(now.getTime() + 1 * DAY + 60_000);
    expect(await handleActivationSweep(deps)).toEqual({ reminders: 1, expired: 0 });
    expect(queued).toMatchObject([{ kind: 'activation-reminder', userId: user.userId }]);
    expect(await handleActivationSweep(deps)).toEqual({ reminders: 0, expired: 0 });

    now = new Date(now.getTime() + 7 * DAY);
    expect(await handleActivationSweep(deps)).toEqual({ reminders: 0, expired: 1 });
    expect((await registry.getUser(user.userId))?.activationState).toBe('expired');
  });
});
