import { randomUUID } from 'node:crypto';
import { IntakeError } from '../errors.js';
import type { Keys, RedisClient } from '../redis.js';
import {
  ACTIVATION_STATES,
  type AccountRegistry,
  type ActivationState,
  type OrganisationRecord,
  type OrganisationSummary,
  type Page,
  type RegistrationInput,
  type UpsertResult,
  type UserOutcome,
  type UserRecord,
} from './account-registry.js';
import { emailKey, fingerprint, identifierKeys, organisationData, organisationFromHash, userData, userFromHash } from './registry-records.js';
import { readThenWrite, STALE } from './read-then-write.js';
import { SET_ACTIVATION_STATE, UPSERT_ORGANISATION } from './registry-scripts.js';

const newId = (kind: 'org' | 'usr') => `${kind}_${randomUUID().replace(/-/g, '')}`;

/**
 * The built-in registry: organisations and users in Redis, under the deployment's key prefix.
 * Owns `keys.registry(…)` for `org`, `org-conflicts`, `org-users`, `orgs`, `user` and `user-by-email`.
 */
export class RedisAccountRegistry implements AccountRegistry {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async upsertOrganisation(registration: RegistrationInput, submissionId: string): Promise<UpsertResult> {
    const org = organisationData(registration);
    const identifiers = identifierKeys(org.identifiers);
    if (identifiers.length === 0) {
      throw new IntakeError('INVALID_PAYLOAD', 'A registration needs an LAA, SRA or Bar number to be matched to an organisation');
    }
    const users = dedupeByEmail(registration.users.map(userData));
    const emailKeys = users.map((user) => emailKey(user.email));
    const now = this.clock();
    const newOrgId = newId('org');
    const newUserIds = users.map(() => newId('usr'));
    const key = (...parts: string[]) => this.keys.registry(...parts);
    const reply = await readThenWrite(async () => {
      // What decides the keys: the organisation the identifiers name, its identifiers now, and each user's id. One
      // MGET, not a GET per user: a form of 200 users is one command (every key shares the prefix's hash slot).
      const lookups = [...identifiers.map((identifier) => key('org-by-identifier', identifier)), ...emailKeys.map((userKey) => key('user-by-email', userKey))];
      const values = (await this.redis.mget(...lookups)).map((value) => value ?? '');
      const orgRead = values.slice(0, identifiers.length);
      const userRead = values.slice(identifiers.length);
      const orgId = orgRead.find(Boolean) ?? newOrgId;
      const oldIdentifiers = (await this.redis.hget(key('org', orgId), 'identifiers')) ?? '';
      const oldKeys = oldIdentifiers ? oldIdentifiers.split('\n').map((identifier) => key('org-by-identifier', identifier)) : [];
      const scriptKeys = [
        key('orgs'),
        key('org', orgId),
        key('org-users', orgId),
        key('org-conflicts', orgId),
        ...identifiers.map((identifier) => key('org-by-identifier', identifier)),
        ...oldKeys,
      ];
      const args = [
        now.toISOString(),
        String(now.getTime()),
        submissionId,
        orgId,
        fingerprint(org),
        JSON.stringify(org),
        String(identifiers.length),
        String(oldKeys.length),
        String(users.length),
        oldIdentifiers,
      ];
      identifiers.forEach((identifier, n) => args.push(identifier, orgRead[n] ?? ''));
      users.forEach((user, n) => {
        const userId = userRead[n] || newUserIds[n]!;
        scriptKeys.push(key('user-by-email', emailKeys[n]!), key('user', userId));
        args.push(emailKeys[n]!, user.email, userId, userRead[n] ?? '', fingerprint(user), JSON.stringify(user));
      });
      const answer = (await this.redis.eval(UPSERT_ORGANISATION, scriptKeys.length, ...scriptKeys, ...args)) as string[];
      return answer[0] === STALE ? STALE : answer;
    });
    const [outcome, ...rest] = reply;
    if (outcome === 'identifier-conflict') return { outcome, organisationIds: rest };
    const [organisationId = '', notInFormCount = '0', ...tail] = rest;
    const count = Number(notInFormCount);
    const usersNotInForm = tail.slice(0, count);
    const outcomes = tail.slice(count);
    const userOutcomes: UserOutcome[] = users.map((user, n) => {
      const [userOutcome, userId = '', otherOrg = ''] = outcomes.slice(n * 3, n * 3 + 3);
      if (userOutcome === 'conflict') return { email: user.email, outcome: 'conflict', existingUserId: userId, existingOrganisationId: otherOrg };
      return { email: user.email, outcome: userOutcome as 'created' | 'updated' | 'unchanged', userId };
    });
    return { outcome: outcome as 'created' | 'updated' | 'unchanged', organisationId, users: userOutcomes, usersNotInForm };
  }

  async getOrganisation(organisationId: string): Promise<OrganisationRecord | null> {
    const [hash, conflicts] = await Promise.all([
      this.redis.hgetall(this.keys.registry('org', organisationId)),
      this.redis.hgetall(this.keys.registry('org-conflicts', organisationId)),
    ]);
    return organisationFromHash(hash, conflicts);
  }

  async listOrganisations(page: Page = {}): Promise<{ total: number; organisations: OrganisationSummary[] }> {
    const offset = Math.max(0, page.offset ?? 0);
    const limit = Math.min(Math.max(1, page.limit ?? 50), 500);
    const [total, ids] = await Promise.all([
      this.redis.zcard(this.keys.registry('orgs')),
      this.redis.zrevrange(this.keys.registry('orgs'), offset, offset + limit - 1),
    ]);
    const organisations: OrganisationSummary[] = [];
    for (const id of ids) {
      const [org, users] = await Promise.all([this.getOrganisation(id), this.listUsers(id)]);
      if (!org) continue;
      const activation = Object.fromEntries(ACTIVATION_STATES.map((state) => [state, 0])) as Record<ActivationState, number>;
      for (const user of users) activation[user.activationState] += 1;
      const emailDomains = [...new Set(users.map((user) => user.email.split('@')[1] ?? '').filter(Boolean))];
      organisations.push({ ...org, userCount: users.length, activation, emailDomains });
    }
    return { total, organisations };
  }

  async listUsers(organisationId: string): Promise<UserRecord[]> {
    const ids = await this.redis.smembers(this.keys.registry('org-users', organisationId));
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hgetall(this.keys.registry('user', id));
    const replies = (await pipeline.exec()) ?? [];
    const users = replies.map(([error, hash]) => {
      if (error) throw error;
      return userFromHash(hash as Record<string, string>);
    });
    return users.filter((u): u is UserRecord => u !== null).sort((a, b) => a.lastName.localeCompare(b.lastName) || a.id.localeCompare(b.id));
  }

  async getUser(userId: string): Promise<UserRecord | null> {
    return userFromHash(await this.redis.hgetall(this.keys.registry('user', userId)));
  }

  async getUsers(userIds: string[]): Promise<(UserRecord | null)[]> {
    if (userIds.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const userId of userIds) pipeline.hgetall(this.keys.registry('user', userId));
    const replies = (await pipeline.exec()) ?? [];
    return replies.map(([error, hash]) => {
      if (error) throw error;
      return userFromHash(hash as Record<string, string>);
    });
  }

  async findUserByEmail(email: string): Promise<UserRecord | null> {
    const userId = await this.redis.get(this.keys.registry('user-by-email', emailKey(email)));
    return userId ? this.getUser(userId) : null;
  }

  async setActivationState(userId: string, state: ActivationState, at: Date = this.clock()): Promise<{ changed: boolean; user: UserRecord | null }> {
    const changed = (await this.redis.eval(SET_ACTIVATION_STATE, 1, this.keys.registry('user', userId), state, at.toISOString())) === 1;
    return { changed, user: await this.getUser(userId) };
  }
}

// A form that lists one email twice describes one person; the first row wins.
function dedupeByEmail<T extends { email: string }>(users: T[]): T[] {
  const seen = new Set<string>();
  return users.filter((user) => (seen.has(user.email) ? false : (seen.add(user.email), true)));
}
