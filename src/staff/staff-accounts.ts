import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';
import type { Keys, RedisClient } from '../redis.js';

export const StaffUsernameSchema = z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9._-]{1,39}$/, 'A username is 2-40 letters, digits, dots, dashes or underscores');
export const StaffPasswordSchema = z.string().min(12, 'A password must be at least 12 characters').max(200, 'A password must be at most 200 characters');

// Checked against when the username is unknown, so a wrong name takes as long as a wrong password.
const DECOY_HASH = hash('decoy password that matches nothing');

/** Staff who may sign in to the dashboard; only argon2id hashes are stored. */
export class StaffAccounts {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  private key(username: string): string {
    return this.keys.staff('account', username);
  }

  /** Adds the account, or sets a new password for an existing one; returns whether it was new. */
  async set(username: string, password: string): Promise<boolean> {
    const name = StaffUsernameSchema.parse(username);
    const passwordHash = await hash(StaffPasswordSchema.parse(password));
    const created = await this.redis.hsetnx(this.key(name), 'createdAt', String(Date.now()));
    await this.redis.hset(this.key(name), { username: name, passwordHash });
    await this.redis.sadd(this.keys.staff('accounts'), name);
    return created === 1;
  }

  async remove(username: string): Promise<boolean> {
    const name = StaffUsernameSchema.parse(username);
    await this.redis.srem(this.keys.staff('accounts'), name);
    return (await this.redis.del(this.key(name))) === 1;
  }

  async list(): Promise<string[]> {
    return (await this.redis.smembers(this.keys.staff('accounts'))).sort();
  }

  /** The normalised username when the password is right, else null. */
  async verify(username: string, password: string): Promise<string | null> {
    const name = StaffUsernameSchema.safeParse(username);
    const stored = name.success ? await this.redis.hget(this.key(name.data), 'passwordHash') : null;
    const ok = await verify(stored ?? (await DECOY_HASH), password).catch(() => false);
    return ok && stored && name.success ? name.data : null;
  }
}
