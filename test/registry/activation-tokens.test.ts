import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createRedis, keysFor } from '../../src/redis.js';
import { ActivationTokens, hashToken } from '../../src/registry/activation-tokens.js';
import { testEnvironment } from '../helpers/environment.js';
import { snapshot } from './registry-fixtures.js';

const DAY = 24 * 60 * 60 * 1000;
const start = new Date('2026-11-25T09:00:00Z');

describe('ActivationTokens', () => {
  const { config } = testEnvironment();
  const redis = createRedis(config.redis, 'test');
  let prefix: string;
  let now: Date;
  let tokens: ActivationTokens;
  const at = (days: number, ms = 0) => {
    now = new Date(start.getTime() + days * DAY + ms);
  };

  beforeEach(() => {
    prefix = `${config.keyPrefix}-${Math.random().toString(36).slice(2, 8)}`;
    now = start;
    tokens = new ActivationTokens(redis, keysFor(prefix), {}, () => now);
  });
  afterAll(() => redis.quit());

  it('issues a 256-bit random link token and stores only its hash', async () => {
    const { token, expiresAt } = await tokens.issue('usr_1');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(expiresAt).toEqual(new Date(start.getTime() + 28 * DAY));
    const stored = JSON.stringify(await snapshot(redis, prefix));
    expect(stored).not.toContain(token);
    expect(stored).toContain(hashToken(token));
    expect((await tokens.issue('usr_1')).token).not.toBe(token);
  });

  it('shows a link as valid until 28 days have passed, then as expired', async () => {
    const { token } = await tokens.issue('usr_1');
    at(28, -1);
    expect(await tokens.lookup(token)).toEqual({ status: 'valid', userId: 'usr_1', expiresAt: new Date(start.getTime() + 28 * DAY) });
    at(28);
    expect(await tokens.lookup(token)).toMatchObject({ status: 'expired', userId: 'usr_1' });
    expect(await tokens.consume(token)).toMatchObject({ status: 'expired' });
  });

  it('takes the validity from its options', async () => {
    const short = new ActivationTokens(redis, keysFor(prefix), { validForMs: DAY }, () => now);
    const { token } = await short.issue('usr_1');
    at(1);
    expect((await short.lookup(token)).status).toBe('expired');
  });

  it('activates once: a second POST of the same link fails, however close together', async () => {
    const { token } = await tokens.issue('usr_1');
    const results = await Promise.all(Array.from({ length: 6 }, () => tokens.consume(token)));
    expect(results.filter((r) => r.status === 'activated')).toEqual([{ status: 'activated', userId: 'usr_1' }]);
    expect(results.filter((r) => r.status === 'used')).toHaveLength(5);
    expect(await tokens.lookup(token)).toEqual({ status: 'used', userId: 'usr_1', usedAt: start });
  });

  it('answers unknown for a link it never issued, or one not shaped like a token', async () => {
    await tokens.issue('usr_1');
    expect(await tokens.lookup('A'.repeat(43))).toEqual({ status: 'unknown' });
    expect(await tokens.consume('../../etc/passwd')).toEqual({ status: 'unknown' });
  });

  it('keeps an earlier link working when a retried job issues another, and spends both on activation', async () => {
    const first = await tokens.issue('usr_1');
    const second = await tokens.issue('usr_1');
    expect((await tokens.lookup(first.token)).status).toBe('valid');
    expect((await tokens.consume(second.token)).status).toBe('activated');
    expect((await tokens.consume(first.token)).status).toBe('used');
  });

  it('stops every earlier link when staff send a fresh one', async () => {
    const old = await tokens.issue('usr_1');
    at(30);
    const fresh = await tokens.reissue('usr_1');
    expect(fresh.expiresAt).toEqual(new Date(now.getTime() + 28 * DAY));
    expect(await tokens.lookup(old.token)).toEqual({ status: 'replaced', userId: 'usr_1' });
    expect((await tokens.consume(old.token)).status).toBe('replaced');
    expect((await tokens.consume(fresh.token)).status).toBe('activated');
  });

  it('makes a reminder due on day 21 for a link still unused, until it is marked sent', async () => {
    await tokens.issue('usr_1');
    const { token } = await tokens.issue('usr_2');
    at(21, -1);
    expect(await tokens.dueReminders()).toEqual([]);
    at(21);
    expect((await tokens.dueReminders()).map((r) => r.userId).sort()).toEqual(['usr_1', 'usr_2']);
    await tokens.consume(token);
    const due = await tokens.dueReminders();
    expect(due).toEqual([{ userId: 'usr_1', dueAt: new Date(start.getTime() + 21 * DAY), expiresAt: new Date(start.getTime() + 28 * DAY) }]);
    await tokens.markReminded('usr_1');
    expect(await tokens.dueReminders()).toEqual([]);
  });

  it('tells when the latest unused link runs out, and nothing once the account is activated', async () => {
    await tokens.issue('usr_1');
    at(5);
    const { token, expiresAt } = await tokens.reissue('usr_1');
    expect(await tokens.currentExpiry('usr_1')).toEqual(expiresAt);
    await tokens.consume(token);
    expect(await tokens.currentExpiry('usr_1')).toBeNull();
  });

  it('sends no reminder for a link that has already expired', async () => {
    await tokens.issue('usr_1');
    at(29);
    expect(await tokens.dueReminders()).toEqual([]);
  });

  it('lists users whose links ran out, and expires each once', async () => {
    const { token } = await tokens.issue('usr_1');
    await tokens.issue('usr_2');
    at(10);
    await tokens.issue('usr_3');
    at(28);
    expect((await tokens.dueExpiries()).sort()).toEqual(['usr_1', 'usr_2']);
    expect(await tokens.expire('usr_1')).toBe(true);
    expect(await tokens.expire('usr_1')).toBe(false);
    expect(await tokens.expire('usr_3')).toBe(false);
    expect(await tokens.dueExpiries()).toEqual(['usr_2']);
    expect((await tokens.lookup(token)).status).toBe('expired');
  });

  it('does not expire a user who was sent a fresh link after the old one ran out', async () => {
    await tokens.issue('usr_1');
    at(29);
    expect(await tokens.dueExpiries()).toEqual(['usr_1']);
    await tokens.reissue('usr_1');
    expect(await tokens.expire('usr_1')).toBe(false);
    expect(await tokens.dueExpiries()).toEqual([]);
  });
});
