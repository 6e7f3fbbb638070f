import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { isIntakeError } from '../../src/errors.js';
import { createRedis, keysFor } from '../../src/redis.js';
import { RedisAccountRegistry } from '../../src/registry/redis-account-registry.js';
import { testEnvironment } from '../helpers/environment.js';
import { registration, snapshot, user } from './registry-fixtures.js';

describe('RedisAccountRegistry', () => {
  const { config } = testEnvironment();
  const redis = createRedis(config.redis, 'test');
  let prefix: string;
  let registry: RedisAccountRegistry;
  let clock = new Date('2026-11-25T09:00:00Z');

  beforeEach(() => {
    prefix = `${config.keyPrefix}-${Math.random().toString(36).slice(2, 8)}`;
    clock = new Date('2026-11-25T09:00:00Z');
    registry = new RedisAccountRegistry(redis, keysFor(prefix), () => clock);
  });
  afterAll(() => redis.quit());

  it('adds an organisation and its users, waiting to be invited', async () => {
    const result = await registry.upsertOrganisation(registration(), 'email-1');
    if (result.outcome === 'identifier-conflict') throw new Error('unexpected');
    expect(result.outcome).toBe('created');
    expect(result.users.map((u) => [u.email, u.outcome])).toEqual([
      ['ada@smith-law.example', 'created'],
      ['ben@smith-law.example', 'created'],
    ]);
    const org = await registry.getOrganisation(result.organisationId);
    expect(org).toMatchObject({
      name: 'Smith Law LLP',
      identifiers: { laa: '0A123B', sra: '612345' },
      courts: ['404', '408'],
      submissionId: 'email-1',
      conflicts: [],
    });
    expect(org?.administrator?.jobTitle).toBe('Practice manager');
    const users = await registry.listUsers(result.organisationId);
    expect(users).toHaveLength(2);
    expect(users.every((u) => u.activationState === 'not-invited' && u.organisationId === result.organisationId)).toBe(true);
    expect((await registry.findUserByEmail(' BEN@Smith-Law.example'))?.firstName).toBe('Ben');
  });

  it('keeps no email address in any key name', async () => {
    await registry.upsertOrganisation(registration(), 'email-1');
    const keys = Object.keys(await snapshot(redis, prefix));
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((key) => key.includes('@') || key.includes('smith-law'))).toEqual([]);
  });

  it('changes nothing when the same registration is upserted again, as a retried job does', async () => {
    const first = await registry.upsertOrganisation(registration(), 'email-1');
    const before = await snapshot(redis, prefix);
    clock = new Date('2026-11-25T09:05:00Z');
    const second = await registry.upsertOrganisation(registration(), 'email-1');
    expect(second).toMatchObject({ outcome: 'unchanged', organisationId: (first as { organisationId: string }).organisationId });
    expect((second as { users: { outcome: string }[] }).users.map((u) => u.outcome)).toEqual(['unchanged', 'unchanged']);
    expect(await snapshot(redis, prefix)).toEqual(before);
  });

  it('creates one organisation when several workers upsert the same new firm at once', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => registry.upsertOrganisation(registration(), 'email-1')));
    expect(results.filter((r) => r.outcome === 'created')).toHaveLength(1);
    expect(new Set(results.map((r) => (r as { organisationId: string }).organisationId)).size).toBe(1);
    expect((await registry.listOrganisations()).total).toBe(1);
  });

  it('updates the organisation a re-submission names by any one identifier, however it is typed', async () => {
    const first = await registry.upsertOrganisation(registration(), 'email-1');
    const organisationId = (first as { organisationId: string }).organisationId;
    clock = new Date('2026-11-26T10:00:00Z');
    const changedUsers = [user('Ada', { roles: ['defence-lawyer', 'organisation-administrator'] }), user('Cara')];
    const second = await registry.upsertOrganisation(
      registration({ name: 'Smith Law', identifiers: { laa: '0a 123b', bsb: '' }, courts: ['408', '404', '429'] }, changedUsers),
      'email-2',
    );
    expect(second).toMatchObject({ outcome: 'updated', organisationId });
    const s = second as { users: { email: string; outcome: string }[]; usersNotInForm: string[] };
    expect(s.users.map((u) => u.outcome)).toEqual(['updated', 'created']);
    const ben = await registry.findUserByEmail('ben@smith-law.example');
    expect(s.usersNotInForm).toEqual([ben?.id]);
    const org = await registry.getOrganisation(organisationId);
    expect(org).toMatchObject({ name: 'Smith Law', courts: ['404', '408', '429'], submissionId: 'email-2', updatedAt: '2026-11-26T10:00:00.000Z' });
    expect(org?.createdAt).toBe('2026-11-25T09:00:00.000Z');
    expect((await registry.findUserByEmail('ada@smith-law.example'))?.roles).toEqual(['defence-lawyer', 'organisation-administrator']);
    expect((await registry.listOrganisations()).total).toBe(1);

    // The SRA number was dropped from the form, so it no longer finds this organisation.
    const bySra = await registry.upsertOrganisation(registration({ identifiers: { sra: '612345' } }, [user('Dan')]), 'email-3');
    expect(bySra.outcome).toBe('created');
  });

  it('updates the organisation when only its users changed', async () => {
    await registry.upsertOrganisation(registration(), 'email-1');
    const again = await registry.upsertOrganisation(registration({}, [user('Ada'), user('Ben', { mobileE164: '+447700900999' })]), 'email-2');
    expect(again.outcome).toBe('updated');
    expect((await registry.findUserByEmail('ben@smith-law.example'))?.mobileE164).toBe('+447700900999');
  });

  it('flags a user whose email another organisation registered, and leaves that user where they are', async () => {
    const first = await registry.upsertOrganisation(registration(), 'email-1');
    const firstId = (first as { organisationId: string }).organisationId;
    const other = await registry.upsertOrganisation(
      registration({ name: 'Jones Chambers', type: 'barristers-chambers', identifiers: { bsb: '99887' } }, [user('Ben'), user('Eve')]),
      'email-2',
    );
    if (other.outcome === 'identifier-conflict') throw new Error('unexpected');
    expect(other.users[0]).toMatchObject({ email: 'ben@smith-law.example', outcome: 'conflict', existingOrganisationId: firstId });
    expect(other.users[1]).toMatchObject({ outcome: 'created' });
    expect((await registry.findUserByEmail('ben@smith-law.example'))?.organisationId).toBe(firstId);
    expect((await registry.getOrganisation(other.organisationId))?.conflicts).toEqual([{ email: 'ben@smith-law.example', existingOrganisationId: firstId }]);
    expect(await registry.listUsers(other.organisationId)).toHaveLength(1);

    await registry.upsertOrganisation(
      registration({ name: 'Jones Chambers', type: 'barristers-chambers', identifiers: { bsb: '99887' } }, [user('Eve')]),
      'email-3',
    );
    expect((await registry.getOrganisation(other.organisationId))?.conflicts).toEqual([]);
  });

  it('changes nothing when the identifiers point at two different organisations', async () => {
    const a = await registry.upsertOrganisation(registration({ identifiers: { laa: '1A111A' } }, [user('Ada')]), 'email-1');
    const b = await registry.upsertOrganisation(registration({ identifiers: { sra: '222222' } }, [user('Ben')]), 'email-2');
    const before = await snapshot(redis, prefix);
    const both = await registry.upsertOrganisation(registration({ identifiers: { laa: '1A111A', sra: '222222' } }, [user('Cara')]), 'email-3');
    const ids = [a, b].map((r) => (r as { organisationId: string }).organisationId).sort();
    expect(both).toEqual({ outcome: 'identifier-conflict', organisationIds: ids });
    expect(await snapshot(redis, prefix)).toEqual(before);
  });

  it('refuses a registration with no identifier, without naming anyone', async () => {
    const error = await registry.upsertOrganisation(registration({ identifiers: { laa: ' ' } }), 'email-1').catch((e: unknown) => e);
    expect(isIntakeError(error, 'INVALID_PAYLOAD')).toBe(true);
    expect((error as Error).message).not.toMatch(/@|Smith|Ada/);
  });

  it('moves activation state forward and never back from activated', async () => {
    await registry.upsertOrganisation(registration(), 'email-1');
    const ada = await registry.findUserByEmail('ada@smith-law.example');
    const at = new Date('2026-11-27T12:00:00Z');
    expect(await registry.setActivationState(ada!.id, 'invited', at)).toMatchObject({
      changed: true,
      user: { activationState: 'invited', activationStateAt: at.toISOString() },
    });
    expect((await registry.setActivationState(ada!.id, 'invited')).changed).toBe(false);
    expect((await registry.setActivationState(ada!.id, 'activated')).changed).toBe(true);
    const late = await registry.setActivationState(ada!.id, 'expired');
    expect(late).toMatchObject({ changed: false, user: { activationState: 'activated' } });
    expect(await registry.setActivationState('usr_missing', 'invited')).toEqual({ changed: false, user: null });
  });

  it('lists organisations newest first, a page at a time, with activation counts', async () => {
    await registry.upsertOrganisation(registration(), 'email-1');
    clock = new Date('2026-11-26T09:00:00Z');
    await registry.upsertOrganisation(registration({ name: 'Later LLP', identifiers: { laa: '9Z999Z' } }, [user('Zed')]), 'email-2');
    const ada = await registry.findUserByEmail('ada@smith-law.example');
    await registry.setActivationState(ada!.id, 'activated');

    const all = await registry.listOrganisations();
    expect(all.total).toBe(2);
    expect(all.organisations.map((o) => o.name)).toEqual(['Later LLP', 'Smith Law LLP']);
    expect(all.organisations[1]).toMatchObject({ userCount: 2, activation: { 'not-invited': 1, invited: 0, activated: 1, expired: 0 } });
    const second = await registry.listOrganisations({ offset: 1, limit: 1 });
    expect(second.organisations.map((o) => o.name)).toEqual(['Smith Law LLP']);
  });
});
