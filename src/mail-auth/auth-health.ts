import { z } from 'zod';
import type { AuthFailure } from './auth-failure.js';
import type { RedisClient } from '../redis.js';
import { jsonField } from '../stored-record.js';

/** The logins the service depends on: the mailbox it watches and its two senders. */
export type MailConnection = 'mailbox' | 'sender:onboarding' | 'sender:activation';

export interface AuthState {
  connection: MailConnection;
  ok: boolean;
  /** When the present state (working, or failing) began. */
  since: number;
  lastSuccessAt: number | null;
  failure: AuthFailure | null;
}

const AuthStateSchema = jsonField(
  z.object({
    connection: z.enum(['mailbox', 'sender:onboarding', 'sender:activation']),
    ok: z.boolean(),
    since: z.number(),
    lastSuccessAt: z.number().nullable(),
    failure: z.object({ stage: z.enum(['token', 'imap', 'smtp']), permanent: z.boolean(), code: z.string(), reason: z.string() }).nullable(),
  }) satisfies z.ZodType<AuthState>,
);

// A working login is re-stamped at most this often, so sending a burst does not write to Redis for every email.
const REFRESH_OK_MS = 60_000;

/**
 * Each login's last known state, kept in Redis so that the web role (readiness, dashboard) sees what the
 * watcher and the workers met. Writes happen on a change of state, and for a working login once a minute.
 * Owns the hash it is given (`keys.authHealth`).
 */
export class AuthHealthStore {
  private readonly lastWritten = new Map<MailConnection, { ok: boolean; at: number }>();

  constructor(
    private readonly redis: RedisClient,
    private readonly key: string,
    private readonly now: () => number = Date.now,
  ) {}

  async succeeded(connection: MailConnection): Promise<void> {
    const now = this.now();
    const last = this.lastWritten.get(connection);
    if (last?.ok && now - last.at < REFRESH_OK_MS) return;
    const previous = await this.get(connection);
    await this.write({ connection, ok: true, since: previous?.ok ? previous.since : now, lastSuccessAt: now, failure: null });
  }

  async failed(connection: MailConnection, failure: AuthFailure): Promise<void> {
    const previous = await this.get(connection);
    const now = this.now();
    const stillFailing = previous && !previous.ok && previous.failure?.code === failure.code;
    await this.write({ connection, ok: false, since: stillFailing ? previous.since : now, lastSuccessAt: previous?.lastSuccessAt ?? null, failure });
  }

  async read(): Promise<AuthState[]> {
    const hash = await this.redis.hgetall(this.key);
    return Object.values(hash).flatMap((raw) => {
      const parsed = AuthStateSchema.safeParse(raw);
      return parsed.success ? [parsed.data] : [];
    });
  }

  private async get(connection: MailConnection): Promise<AuthState | null> {
    const parsed = AuthStateSchema.safeParse(await this.redis.hget(this.key, connection));
    return parsed.success ? parsed.data : null;
  }

  private async write(state: AuthState): Promise<void> {
    await this.redis.hset(this.key, state.connection, JSON.stringify(state));
    this.lastWritten.set(state.connection, { ok: state.ok, at: this.now() });
  }
}

/**
 * Whether the logins let the service work: a refused credential stops it at once; a temporary failure
 * (the token service unreachable) only once it has lasted `graceMs`, so a blip does not flap readiness.
 */
export function authProblems(states: AuthState[], graceMs: number, now = Date.now()): AuthState[] {
  return states.filter((state) => !state.ok && (state.failure?.permanent || now - state.since > graceMs));
}
