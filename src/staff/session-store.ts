import type { Redis } from 'ioredis';
import type { Keys } from '../redis.js';

type Callback = (error?: unknown) => void;
// Typed loosely so the store does not depend on the web framework's session types.
type GetCallback = (error: unknown, session?: any) => void; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Staff sessions in Redis, so every web process shares them and a restart signs nobody out. Shaped as
 * @fastify/session's store (callbacks); a session lives as long as its cookie.
 */
export class RedisSessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly ttlSeconds: number,
  ) {}

  private key(sessionId: string): string {
    return this.keys.staff('session', sessionId);
  }

  set(sessionId: string, session: unknown, callback: Callback): void {
    this.redis.set(this.key(sessionId), JSON.stringify(session), 'EX', this.ttlSeconds).then(() => callback(), callback);
  }

  get(sessionId: string, callback: GetCallback): void {
    this.redis.get(this.key(sessionId)).then((value) => callback(null, value ? JSON.parse(value) : null), (error: unknown) => callback(error));
  }

  destroy(sessionId: string, callback: Callback): void {
    this.redis.del(this.key(sessionId)).then(() => callback(), callback);
  }
}
