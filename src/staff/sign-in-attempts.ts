import type { Keys, RedisClient } from '../redis.js';

/** Failures one account name may take in a window, from however many addresses. */
export const ACCOUNT_FAILURE_LIMIT = { failures: 10, windowMs: 15 * 60_000 };

/**
 * Failed sign-ins per account name, whatever address they come from: guesses spread over many clients (or
 * proxies) still meet a limit. Kept in RedisClient so every web process counts alike; a success clears the count.
 * Owns `keys.staff('sign-in-failures', …)`.
 */
export class SignInAttempts {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    private readonly limit: { failures: number; windowMs: number } = ACCOUNT_FAILURE_LIMIT,
  ) {}

  private key(account: string): string {
    // Any spelling counts towards the account it would sign in to.
    return this.keys.staff('sign-in-failures', account.trim().toLowerCase().slice(0, 60));
  }

  /** Whether the account has had its fill of failures in the current window. */
  async blocked(account: string): Promise<boolean> {
    return Number(await this.redis.get(this.key(account))) >= this.limit.failures;
  }

  async failed(account: string): Promise<void> {
    // The window starts at the first failure and is not extended by later ones (SET NX, for RedisClient before 7).
    const key = this.key(account);
    await this.redis.multi().set(key, '0', 'PX', this.limit.windowMs, 'NX').incr(key).exec();
  }

  async succeeded(account: string): Promise<void> {
    await this.redis.del(this.key(account));
  }
}
