import { randomBytes } from 'node:crypto';
import type { Keys, RedisClient } from '../redis.js';

/**
 * The key that signs session cookies. A configured one wins; otherwise one is made once and kept in Redis,
 * so every web process signs and checks cookies alike without anyone having to set a secret.
 * Owns `keys.staff('session-secret')`.
 */
export class SessionSecret {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Pick<Keys, 'staff'>,
  ) {}

  async resolve(configured: string | null): Promise<string> {
    if (configured) return configured;
    const key = this.keys.staff('session-secret');
    await this.redis.set(key, randomBytes(32).toString('base64url'), 'NX');
    const secret = await this.redis.get(key);
    if (!secret) throw new Error('Could not read the session secret from Redis');
    return secret;
  }
}
