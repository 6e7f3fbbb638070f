import { z } from 'zod';
import type { Keys, RedisClient } from '../redis.js';
import { jsonField } from '../stored-record.js';

const ANONYMOUS_TTL_SECONDS = 30 * 60;
// The session's fields are the web role's to check; here only that it is an object, with its cookie if any.
const StoredSessionSchema = jsonField(z.looseObject({ cookie: z.looseObject({}).optional(), staff: z.string().optional() }));

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
      // One that cannot be read signs its holder out rather than failing every request.
      (value) => callback(null, value ? (StoredSessionSchema.safeParse(value).data ?? null) : null),
      (error: unknown) => callback(error),
    );
  }

  destroy(sessionId: string, callback: Callback): void {
    this.redis.del(this.key(sessionId)).then(() => callback(), callback);
  }
}
