import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createRedis, keysFor } from '../../src/redis.js';
import { activate, expireDue, linkFor, viewActivation, type ActivationDeps } from '../../src/registry/activation-flow.js';
import { ActivationTokens } from '../../src/registry/activation-tokens.js';
import { RedisAccountRegistry } from '../../src/registry/redis-account-registry.js';
import { testEnvironment } from '../helpers/environment.js';
import { registration } from './registry-fixtures.js';

const DAY = 24 * 60 * 60 * 1000;

describe('activation flow', () => {
  const { config } = testEnvironment();
  const redis = createRedis(config.redis, 'test');
  let now: Date;
  let deps: ActivationDeps;
  let userId: string;
  afterAll(() => redis.quit());

  beforeEach(async () => {
    const keys = keysFor(`${config.keyPrefix}-${Math.random().toString(36).slice(2, 8)}`);
    now = new Date('2026-11-25T09:00:00Z');
    deps = { registry: new RedisAccountRegistry(redis, keys, () => now), tokens: new ActivationTokens(redis, keys, {}, () => now) };
    await deps.registry.upsertOrganisation(registration(), 'email-1');
    userId = (await deps.registry.findUserByEmail('ada@smith-law.example'))!.id;
  });

  it('shows who and what a link activates, then activates once', async () => {
    const link = await linkFor(userId, deps);
    await deps.registry.setActivationState(userId, 'invited');
    expect(await viewActivation(link!.token, deps)).toEqual({
      status: 'ready',
      firstName: 'Ada',
      organisationName: 'Smith Law LLP',
      expiresAt: link!.expiresAt,
    });
    expect(await activate(link!.token, deps)).toEqual({ status: 'activated', userId });
    expect((await deps.registry.getUser(userId))?.activationState).toBe('activated');
    expect(await activate(link!.token, deps)).toEqual({ status: 'already-activated' });
    expect(await viewActivation(link!.token, deps)).toEqual({ status: 'already-activated' });
    expect(await linkFor(userId, deps)).toBeNull();
  });

  it('finishes an activation whose account was not marked before the process died', async () => {
    const link = await linkFor(userId, deps);
    await deps.tokens.consume(link!.token);
    expect(await activate(link!.token, deps)).toEqual({ status: 'activated', userId });
    expect((await deps.registry.getUser(userId))?.activationState).toBe('activated');
  });

  it('shows the account as expired after day 28, and a fresh link from staff works again', async () => {
    const old = await linkFor(userId, deps);
    await deps.registry.setActivationState(userId, 'invited');
    now = new Date(now.getTime() + 28 * DAY);
    expect(await expireDue(deps)).toEqual([userId]);
    expect((await deps.registry.getUser(userId))?.activationState).toBe('expired');
    expect(await viewActivation(old!.token, deps)).toEqual({ status: 'expired' });
    expect(await activate(old!.token, deps)).toEqual({ status: 'expired' });

    const fresh = await linkFor(userId, deps, true);
    await deps.registry.setActivationState(userId, 'invited');
    expect(await activate(fresh!.token, deps)).toEqual({ status: 'activated', userId });
    expect(await expireDue(deps)).toEqual([]);
  });

  it('leaves a user due for expiry if the account could not be marked expired', async () => {
    await linkFor(userId, deps);
    now = new Date(now.getTime() + 28 * DAY);
    const failing = Object.create(deps.registry) as typeof deps.registry;
    failing.setActivationState = () => Promise.reject(new Error('platform unavailable'));
    await expect(expireDue({ ...deps, registry: failing })).rejects.toThrow('platform unavailable');
    expect(await deps.tokens.dueExpiries()).toEqual([userId]);
    expect(await expireDue(deps)).toEqual([userId]);
  });

  it('turns away a link it does not know', async () => {
    expect(await viewActivation('nope', deps)).toEqual({ status: 'not-found' });
    expect(await activate('A'.repeat(43), deps)).toEqual({ status: 'not-found' });
  });
});
