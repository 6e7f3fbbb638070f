import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';
import type { Keys, RedisClient } from '../redis.js';
import { DEFAULT_STAFF_ROLE, StaffRoleSchema, type StaffRole } from './roles.js';

export const StaffUsernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,39}$/, 'A username is 2-40 letters, digits, dots, dashes or underscores');
export const StaffPasswordSchema = z.string().min(12, 'A password must be at least 12 characters').max(200, 'A password must be at most 200 characters');

// Checked against when the username is unknown, so a wrong name takes as long as a wrong password.
const DECOY_HASH = hash('decoy password that matches nothing');

export interface StaffAccount {
  username: string;
  role: StaffRole;
}

/** An account as the accounts page lists it: times are epoch milliseconds, null when not recorded. */
export interface ListedStaffAccount extends StaffAccount {
  createdAt: number | null;
  lastSignedInAt: number | null;
}

// A time not recorded (or not readable) shows as unknown rather than failing the accounts page.
const StoredTimeSchema = z.string().regex(/^\d+$/).transform(Number).nullable().catch(null);
const ListedFieldsSchema = z.tuple([z.string().nullable(), z.string().nullable(), z.string().nullable()]).catch([null, null, null]);

const roleOf = (stored: string | null | undefined): StaffRole => StaffRoleSchema.catch(DEFAULT_STAFF_ROLE).parse(stored);

/**
 * Staff who may sign in to the dashboard, each with a role; only argon2id hashes are stored.
 * Owns `keys.staff('account', …)` and `keys.staff('accounts')`.
 */
export class StaffAccounts {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  private key(username: string): string {
    return this.keys.staff('account', username);
  }

  /**
   * Adds the account, or sets a new password for an existing one; returns whether it was new. A role given is
   * set; without one a new account is a viewer and an existing one keeps its role.
   */
  async set(username: string, password: string, role?: StaffRole): Promise<boolean> {
    return this.write(username, password, role, 'add-or-change');
  }

  /** Adds the account only if there is none by that name (never resets another's password); returns whether it did. */
  async add(username: string, password: string, role: StaffRole): Promise<boolean> {
    return this.write(username, password, role, 'add-only');
  }

  private async write(username: string, password: string, role: StaffRole | undefined, mode: 'add-only' | 'add-or-change'): Promise<boolean> {
    const name = StaffUsernameSchema.parse(username);
    const passwordHash = await hash(StaffPasswordSchema.parse(password));
    const created = await this.redis.hsetnx(this.key(name), 'createdAt', String(Date.now()));
    if (created === 0 && mode === 'add-only') return false;
    await this.redis.hset(this.key(name), { username: name, passwordHash, ...(role || created ? { role: role ?? DEFAULT_STAFF_ROLE } : {}) });
    await this.redis.sadd(this.keys.staff('accounts'), name);
    return created === 1;
  }

  async remove(username: string): Promise<boolean> {
    const name = StaffUsernameSchema.parse(username);
    await this.redis.srem(this.keys.staff('accounts'), name);
    return (await this.redis.del(this.key(name))) === 1;
  }

  /** Changes an existing account's role; false when there is no such account. */
  async setRole(username: string, role: StaffRole): Promise<boolean> {
    const name = StaffUsernameSchema.parse(username);
    if (!(await this.redis.exists(this.key(name)))) return false;
    await this.redis.hset(this.key(name), 'role', StaffRoleSchema.parse(role));
    return true;
  }

  async list(): Promise<ListedStaffAccount[]> {
    const names = (await this.redis.smembers(this.keys.staff('accounts'))).sort();
    const pipeline = this.redis.pipeline();
    for (const name of names) pipeline.hmget(this.key(name), 'role', 'createdAt', 'lastSignedInAt');
    const fields = (await pipeline.exec()) ?? [];
    return names.map((username, i) => {
      const [role, createdAt, lastSignedInAt] = ListedFieldsSchema.parse(fields[i]?.[1]);
      return { username, role: roleOf(role), createdAt: StoredTimeSchema.parse(createdAt), lastSignedInAt: StoredTimeSchema.parse(lastSignedInAt) };
    });
  }

  /** Notes a successful sign-in, for the accounts page; an account removed meanwhile is not brought back. */
  async recordSignIn(username: string): Promise<void> {
    const name = StaffUsernameSchema.parse(username);
    const key = this.key(name);
    if (await this.redis.exists(key)) await this.redis.hset(key, 'lastSignedInAt', String(Date.now()));
  }

  /** The account's role now, or null once it is removed: a session re-checks it on every request. */
  async roleOf(username: string): Promise<StaffRole | null> {
    const name = StaffUsernameSchema.safeParse(username);
    const fields = name.success ? await this.redis.hmget(this.key(name.data), 'passwordHash', 'role') : [null, null];
    return fields[0] ? roleOf(fields[1]) : null;
  }

  /** The account, its name normalised, when the password is right; else null. */
  async verify(username: string, password: string): Promise<StaffAccount | null> {
    const name = StaffUsernameSchema.safeParse(username);
    const [stored, role] = name.success ? await this.redis.hmget(this.key(name.data), 'passwordHash', 'role') : [null, null];
    const ok = await verify(stored ?? (await DECOY_HASH), password).catch(() => false);
    return ok && stored && name.success ? { username: name.data, role: roleOf(role) } : null;
  }
}
