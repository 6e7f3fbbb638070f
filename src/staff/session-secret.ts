import { randomBytes } from 'node:crypto';
import type { Keys, RedisClient } from '../redis.js';

/**
 * The key that signs session cookies. A configured one wins; otherwise one is made once and kept in Redis,
 * so every web process signs and checks cookies alike without anyone having to set a secret.
 */
export async function sessionSecret(redis: RedisClient, keys: Keys, configured: string | null): Promise<string> {
  if (configured) return configured;
  const key = keys.staff('session-secret');
  await redis.set(key, randomBytes(32).toString('base64url'), 'NX');
  const secret = await redis.get(key);
  if (!secret) throw new Error('Could not read the session secret from Redis');
  return secret;
}
