import { afterAll, describe, expect, it } from 'vitest';
import { RedisLease } from '../src/lease.js';
import { ownProcessIdentity } from '../src/process-identity.js';
import { testEnvironment, waitFor } from './helpers/environment.js';
import { createRedis } from '../src/redis.js';

describe('RedisLease', () => {
  const environment = testEnvironment();
  const redis = createRedis(environment.config.redis, 'test');
  const key = `${environment.config.keyPrefix}:lease`;
  afterAll(() => redis.disconnect());

  function lease(log: string[], name: string, ttlMs = 300) {
    return new RedisLease(redis, key, ttlMs, {
      acquired: () => void log.push(`${name} acquired`),
      lost: () => void log.push(`${name} lost`),
    });
  }

  it('lets one holder in at a time and hands over when it stops', async () => {
    const log: string[] = [];
    const first = lease(log, 'first');
    const second = lease(log, 'second');
    await first.start();
    await second.start();
    expect(first.isHeld).toBe(true);
    expect(second.isHeld).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(second.isHeld).toBe(false);
    await first.stop();
    await waitFor(async () => second.isHeld, 'the standby to take over', 2_000);
    expect(log).toEqual(['first acquired', 'second acquired']);
    await second.stop();
  });

  it('is taken over when its holder stops renewing without releasing (a crash), and the old holder learns it lost it', async () => {
    const log: string[] = [];
    const crashed = lease(log, 'crashed');
    await crashed.start();
    // Simulate a holder whose renewals stopped: another process overwrote the key after expiry.
    await redis.set(key, 'someone-else', 'PX', 1_000);
    await waitFor(async () => !crashed.isHeld, 'the old holder to notice', 2_000);
    expect(log).toEqual(['crashed acquired', 'crashed lost']);
    await crashed.stop();
    expect(await redis.get(key)).toBe('someone-else');
  });

  describe('a holder recorded as a process', () => {
    const self = ownProcessIdentity()!;
    const recordedAs = (process: object) => JSON.stringify({ id: 'earlier-holder', process });

    it('is taken over at once when that process has ended on this host (its pid now started at another time)', async () => {
      const ended = recordedAs({ ...self, startTicks: self.startTicks - 1 });
      await redis.set(key, ended, 'PX', 60_000);
      const successor = lease([], 'successor', 60_000);
      await successor.start();
      expect(successor.isHeld).toBe(true);
      expect(await redis.get(key)).toBe(successor.holder);
      await successor.stop();
    });

    it('is left to expire while that process runs, or when it ran on another host or in another pid namespace', async () => {
      const others = [
        recordedAs(self),
        recordedAs({ ...self, startTicks: self.startTicks - 1, host: 'another-host' }),
        recordedAs({ ...self, startTicks: self.startTicks - 1, pidNamespace: 'pid:[1]' }),
        recordedAs({ ...self, startTicks: self.startTicks - 1, bootId: 'another-boot' }),
        'a value written by another version',
      ];
      for (const value of others) {
        await redis.set(key, value, 'PX', 60_000);
        const standby = lease([], 'standby', 60_000);
        await standby.start();
        expect(standby.isHeld).toBe(false);
        expect(await redis.get(key)).toBe(value);
        await standby.stop();
      }
      await redis.del(key);
    });
  });
});
