import type { Keys, RedisClient } from '../redis.js';

const ANONYMOUS_TTL_SECONDS = 30 * 60;

type Callback = (error?: unknown) => void;
// Typed loosely so the store does not depend on the web framework's session types.
type GetCallback = (error: unknown, session?: any) => void; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Staff sessions in Redis, so every web process shares them and a restart signs nobody out. Shaped as
 * @fastify/session's store (callbacks); a session lives as long as its cookie.
 * Owns `keys.staff('session', …)`.
 */
export class RedisSessionStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    private readonly ttlSeconds: number,
  ) {}

  private key(sessionId: string): string {
    return this.keys.staff('session', sessionId);
  }

  set(sessionId: string, session: { staff?: string }, callback: Callback): void {
    // A visitor who has not signed in holds only a CSRF secret: keep that briefly, so idle visits cost little.
    const ttl = session.staff ? this.ttlSeconds : Math.min(this.ttlSeconds, ANONYMOUS_TTL_SECONDS);
    this.redis.set(this.key(sessionId), JSON.stringify(session), 'EX', ttl).then(() => callback(), callback);
  }

  get(sessionId: string, callback: GetCallback): void {
    this.redis.get(this.key(sessionId)).then(
      (value) => callback(null, value ? JSON.parse(value) : null),
      (error: unknown) => callback(error),
    );
  }

  destroy(sessionId: string, callback: Callback): void {
    this.redis.del(this.key(sessionId)).then(() => callback(), callback);
  }
}
