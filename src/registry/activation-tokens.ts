import { createHash, randomBytes } from 'node:crypto';
import type { Keys, RedisClient } from '../redis.js';
import { CONSUME_TOKEN, EXPIRE_USER, ISSUE_TOKEN } from './activation-token-scripts.js';
import { readThenWrite, STALE } from './read-then-write.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ActivationTokenOptions {
  /** How long a link works: 28 days by default. */
  validForMs?: number;
  /** When a reminder is due if the link is still unused: day 21 by default. */
  remindAfterMs?: number;
  /** How long a spent or expired link is remembered, so its page can say why it no longer works. */
  rememberForMs?: number;
}

export interface IssuedToken {
  /** Goes in the link and nowhere else: only its hash is stored. */
  token: string;
  expiresAt: Date;
}

export type TokenStatus =
  | { status: 'valid'; userId: string; expiresAt: Date }
  | { status: 'used'; userId: string; usedAt: Date }
  | { status: 'expired'; userId: string; expiresAt: Date }
  | { status: 'replaced'; userId: string }
  | { status: 'unknown' };

export type ConsumeResult = { status: 'activated'; userId: string } | Exclude<TokenStatus, { status: 'valid' }>;

export interface DueReminder {
  userId: string;
  /** When the reminder fell due: with the user id it makes a deterministic job id. */
  dueAt: Date;
  expiresAt: Date;
}

// 32 random bytes in base64url are always 43 characters; anything else cannot be one of ours.
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Looking a token up by its SHA-256 rather than comparing it leaks nothing through timing about the token, and
 * a copy of the database holds no working link.
 */
export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/**
 * Single-use activation links: issue, look up, consume once, expire, re-issue; and the day-21 reminders.
 * Owns `keys.registry(…)` for `token`, `user-tokens`, `activation-reminders` and `activation-expiries`.
 */
export class ActivationTokens {
  private readonly validForMs: number;
  private readonly remindAfterMs: number;
  private readonly rememberForMs: number;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    options: ActivationTokenOptions = {},
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.validForMs = options.validForMs ?? 28 * DAY_MS;
    this.remindAfterMs = options.remindAfterMs ?? 21 * DAY_MS;
    this.rememberForMs = options.rememberForMs ?? 90 * DAY_MS;
  }

  /**
   * A new link for a user. Earlier links stay valid, so a job retried after its email went out cannot spoil
   * the link the user already has. Check the user is not yet activated before calling.
   */
  issue(userId: string): Promise<IssuedToken> {
    return this.create(userId, false);
  }

  /** A fresh link when staff send one again: every earlier link for the user stops working. */
  reissue(userId: string): Promise<IssuedToken> {
    return this.create(userId, true);
  }

  async lookup(token: string): Promise<TokenStatus> {
    if (!TOKEN_PATTERN.test(token)) return { status: 'unknown' };
    const [userId, expiresAt, state, usedAt] = await this.redis.hmget(this.keys.registry('token', hashToken(token)), 'userId', 'expiresAt', 'state', 'usedAt');
    if (!userId || !expiresAt) return { status: 'unknown' };
    if (state === 'used') return { status: 'used', userId, usedAt: new Date(Number(usedAt)) };
    if (state === 'replaced') return { status: 'replaced', userId };
    if (this.clock().getTime() >= Number(expiresAt)) return { status: 'expired', userId, expiresAt: new Date(Number(expiresAt)) };
    return { status: 'valid', userId, expiresAt: new Date(Number(expiresAt)) };
  }

  /**
   * Spends the link: `activated` exactly once, then `used`. A caller that fails to record the activation after
   * this can finish on the next attempt, because `used` still names the user.
   */
  async consume(token: string): Promise<ConsumeResult> {
    if (!TOKEN_PATTERN.test(token)) return { status: 'unknown' };
    const hash = hashToken(token);
    const reply = await readThenWrite(async () => {
      const userId = (await this.redis.hget(this.keys.registry('token', hash), 'userId')) ?? '';
      const links = userId ? await this.userLinks(userId) : [];
      const keys = this.scriptKeys(hash, userId, links);
      const answer = (await this.redis.eval(CONSUME_TOKEN, keys.length, ...keys, String(this.clock().getTime()), userId, links.join(','))) as string[];
      return answer[0] === STALE ? STALE : answer;
    });
    const [status, userId = '', time = '0'] = reply;
    if (status === 'activated') return { status, userId };
    if (status === 'used') return { status, userId, usedAt: new Date(Number(time)) };
    if (status === 'replaced') return { status, userId };
    if (status === 'expired') return { status, userId, expiresAt: new Date(Number(time)) };
    return { status: 'unknown' };
  }

  /** Users whose link is unused and whose reminder is due; stays due until `markReminded`. */
  async dueReminders(limit = 100): Promise<DueReminder[]> {
    const flat = await this.redis.zrangebyscore(this.keys.registry('activation-reminders'), '-inf', this.clock().getTime(), 'WITHSCORES', 'LIMIT', 0, limit);
    const due: DueReminder[] = [];
    for (let n = 0; n < flat.length; n += 2) {
      const userId = flat[n] ?? '';
      const expiresAt = await this.redis.zscore(this.keys.registry('activation-expiries'), userId);
      if (expiresAt === null || Number(expiresAt) <= this.clock().getTime()) continue;
      due.push({ userId, dueAt: new Date(Number(flat[n + 1])), expiresAt: new Date(Number(expiresAt)) });
    }
    return due;
  }

  /** When the user's latest unused link runs out; null once activated or expired. For the reminder's date. */
  async currentExpiry(userId: string): Promise<Date | null> {
    const expiresAt = await this.redis.zscore(this.keys.registry('activation-expiries'), userId);
    return expiresAt === null ? null : new Date(Number(expiresAt));
  }

  async markReminded(userId: string): Promise<void> {
    await this.redis.zrem(this.keys.registry('activation-reminders'), userId);
  }

  /** Users whose latest link has run out unused: expire each, then show the account as expired. */
  async dueExpiries(limit = 100): Promise<string[]> {
    return this.redis.zrangebyscore(this.keys.registry('activation-expiries'), '-inf', this.clock().getTime(), 'LIMIT', 0, limit);
  }

  /** True when the user's links had run out and are now cleared; false if a fresh link came in between. */
  async expire(userId: string): Promise<boolean> {
    return (await this.redis.eval(EXPIRE_USER, 3, this.keys.registry('user-tokens', userId), ...this.listKeys(), userId, String(this.clock().getTime()))) === 1;
  }

  /** The hashes of a user's links, sorted as the scripts compare them. */
  private async userLinks(userId: string): Promise<string[]> {
    return (await this.redis.smembers(this.keys.registry('user-tokens', userId))).sort();
  }

  private listKeys(): [string, string] {
    return [this.keys.registry('activation-reminders'), this.keys.registry('activation-expiries')];
  }

  /** The keys the issue and consume scripts touch, in the order they read them: the link, the user's links, the lists, then each other link. */
  private scriptKeys(hash: string, userId: string, otherLinks: readonly string[]): string[] {
    return [
      this.keys.registry('token', hash),
      this.keys.registry('user-tokens', userId),
      ...this.listKeys(),
      ...otherLinks.map((link) => this.keys.registry('token', link)),
    ];
  }

  private async create(userId: string, replaceEarlier: boolean): Promise<IssuedToken> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock().getTime();
    const expiresAt = now + this.validForMs;
    const hash = hashToken(token);
    await readThenWrite(async () => {
      const earlier = replaceEarlier ? await this.userLinks(userId) : [];
      const keys = this.scriptKeys(hash, userId, earlier);
      const times = [now, expiresAt, now + this.remindAfterMs, expiresAt + this.rememberForMs].map(String);
      const answer = await this.redis.eval(ISSUE_TOKEN, keys.length, ...keys, hash, userId, ...times, replaceEarlier ? '1' : '0', earlier.join(','));
      return answer === STALE ? STALE : answer;
    });
    return { token, expiresAt: new Date(expiresAt) };
  }
}
