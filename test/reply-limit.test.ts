import { afterAll, describe, expect, it } from 'vitest';
import { createRedis, keysFor } from '../src/redis.js';
import { ReplyAllowances, senderKey, type ReplyLimits } from '../src/mail/reply-limit.js';
import { testEnvironment } from './helpers/environment.js';

describe('per-sender limit on automatic replies (real Redis)', () => {
  const { config } = testEnvironment();
  const redis = createRedis(config.redis, 'reply-limit-test');
  const keys = keysFor(config.keyPrefix);
  const limits: ReplyLimits = { perHour: 3, perDay: 5 };
  const start = Date.UTC(2026, 0, 5, 9);
  const take = (sender: string, replyId: string, now: number) => new ReplyAllowances(redis, keys).take({ sender, replyId, limits, now });

  afterAll(async () => {
    const stale = await redis.keys(`${config.keyPrefix}:*`);
    if (stale.length > 0) await redis.del(...stale);
    await redis.quit();
  });

  it('allows the hourly number of replies, then refuses until the hour has passed', async () => {
    const sender = 'clerk@hourly.example';
    for (let i = 0; i < 3; i++) expect(await take(sender, `r${i}`, start + i * 1000)).toEqual({ allowed: true });
    expect(await take(sender, 'r3', start + 5000)).toEqual({ allowed: false, reason: expect.stringMatching(/3 in an hour/) });
    expect(await take(sender, 'r3', start + 3_600_001)).toEqual({ allowed: true });
  });

  it('refuses past the daily number even when each hour is under its limit, and allows again a day later', async () => {
    const sender = 'clerk@daily.example';
    for (let i = 0; i < 5; i++) expect((await take(sender, `d${i}`, start + i * 3_600_000)).allowed).toBe(true);
    expect(await take(sender, 'd5', start + 6 * 3_600_000)).toEqual({ allowed: false, reason: expect.stringMatching(/5 in a day/) });
    expect((await take(sender, 'd5', start + 24 * 3_600_000 + 1)).allowed).toBe(true);
  });

  it('counts each sender apart, whatever the case of the address', async () => {
    for (let i = 0; i < 3; i++) await take('Clerk@Case.example', `c${i}`, start);
    expect((await take('clerk@case.example', 'c3', start)).allowed).toBe(false);
    expect((await take('other@case.example', 'c3', start)).allowed).toBe(true);
  });

  it('allows a reply already counted again, even at the limit (a retried job), without counting it twice', async () => {
    const sender = 'clerk@retry.example';
    for (let i = 0; i < 3; i++) await take(sender, `again${i}`, start);
    expect(await take(sender, 'again2', start + 1000)).toEqual({ allowed: true });
    expect((await take(sender, 'again3', start + 1000)).allowed).toBe(false);
  });

  it('lets exactly the allowed number through when many workers ask at once', async () => {
    const verdicts = await Promise.all(Array.from({ length: 20 }, (_, i) => take('clerk@burst.example', `b${i}`, start)));
    expect(verdicts.filter((verdict) => verdict.allowed)).toHaveLength(3);
  });

  it('keeps no address in Redis and lets the record expire after a day', async () => {
    await take('clerk@private.example', 'p0', Date.now());
    const [key] = await redis.keys(`${config.keyPrefix}:reply-limit:*`).then((found) => found.filter((k) => k.endsWith(senderKey('clerk@private.example'))));
    expect(key).toBeDefined();
    expect(key).not.toContain('private.example');
    const ttl = await redis.pttl(key ?? '');
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(24 * 3_600_000);
  });
});
