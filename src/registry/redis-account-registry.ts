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
import { SET_ACTIVATION_STATE, UPSERT_ORGANISATION } from './registry-scripts.js';

const newId = (kind: 'org' | 'usr') => `${kind}_${randomUUID().replace(/-/g, '')}`;

/** The built-in registry: organisations and users in Redis, under the deployment's key prefix. */
export class RedisAccountRegistry implements AccountRegistry {
  private readonly base: string;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.base = keys.registry();
  }

  async upsertOrganisation(registration: RegistrationInput, submissionId: string): Promise<UpsertResult> {
    const org = organisationData(registration);
    const identifiers = identifierKeys(org.identifiers);
    if (identifiers.length === 0) {
      throw new IntakeError('INVALID_PAYLOAD', 'A registration needs an LAA, SRA or Bar number to be matched to an organisation');
    }
    const users = dedupeByEmail(registration.users.map(userData));
    const now = this.clock();
    const args: string[] = [this.base, now.toISOString(), String(now.getTime()), submissionId, newId('org'), fingerprint(org), JSON.stringify(org)];
    args.push(String(identifiers.length), ...identifiers, String(users.length));
    for (const user of users) args.push(emailKey(user.email), user.email, newId('usr'), fingerprint(user), JSON.stringify(user));

    const reply = (await this.redis.eval(UPSERT_ORGANISATION, 0, ...args)) as string[];
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
      organisations.push({ ...org, userCount: users.length, activation });
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

  async findUserByEmail(email: string): Promise<UserRecord | null> {
    const userId = await this.redis.get(this.keys.registry('user-by-email', emailKey(email)));
    return userId ? this.getUser(userId) : null;
  }

  async setActivationState(userId: string, state: ActivationState, at: Date = this.clock()): Promise<{ changed: boolean; user: UserRecord | null }> {
    const changed = (await this.redis.eval(SET_ACTIVATION_STATE, 0, this.base, userId, state, at.toISOString())) === 1;
    return { changed, user: await this.getUser(userId) };
  }
}

// A form that lists one email twice describes one person; the first row wins.
function dedupeByEmail<T extends { email: string }>(users: T[]): T[] {
  const seen = new Set<string>();
  return users.filter((user) => (seen.has(user.email) ? false : (seen.add(user.email), true)));
}
