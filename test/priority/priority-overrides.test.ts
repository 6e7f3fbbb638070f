import { afterAll, describe, expect, it } from 'vitest';
import { createRedis, keysFor } from '../../src/redis.js';
import { applyOverride, MAX_PRIORITY, priorityFor } from '../../src/priority/priority.js';
import { PriorityOverrides } from '../../src/priority/priority-overrides.js';
import { testEnvironment } from '../helpers/environment.js';

describe('PriorityOverrides', () => {
  const { config } = testEnvironment();
  const redis = createRedis(config.redis, 'test');
  const keys = keysFor(config.keyPrefix);
  const overrides = new PriorityOverrides(redis, keys);
  afterAll(() => redis.quit());

  const override = { level: 'last' as const, reason: 'Firm asked us to wait', setBy: 'staff-7', setAt: '2026-11-25T10:00:00Z' };

  it('keeps a staff override per submission until it is cleared', async () => {
    expect(await overrides.get('email-a')).toBeNull();
    await overrides.set('email-a', override);
    const stored = await overrides.get('email-a');
    expect(stored).toEqual(override);
    expect(applyOverride(priorityFor([{ goLiveDate: null }], new Date()), stored).value).toBe(MAX_PRIORITY);
    expect(await overrides.get('email-b')).toBeNull();
    await overrides.clear('email-a');
    expect(await overrides.get('email-a')).toBeNull();
  });

  it('refuses an override without a reason, and ignores a stored one that no longer fits', async () => {
    await expect(overrides.set('email-c', { ...override, reason: '  ' })).rejects.toThrow();
    await redis.set(keys.priorityOverride('email-d'), JSON.stringify({ level: 0 }));
    expect(await overrides.get('email-d')).toBeNull();
  });
});
