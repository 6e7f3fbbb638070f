import { randomBytes } from 'node:crypto';
import type { Keys, RedisClient } from '../redis.js';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 3600_000;

// Sliding windows (the provider counts the last minute and the last 24 hours, not calendar ones): one entry per
// message in the minute set and one per recipient in the day set. A send is reserved only if both have room.
const RESERVE = `
local now = tonumber(ARGV[1])
local perMinute = tonumber(ARGV[2])
local perDay = tonumber(ARGV[3])
local recipients = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - ${MINUTE_MS})
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - ${DAY_MS})
local wait = 0
if redis.call('ZCARD', KEYS[1]) >= perMinute then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  wait = tonumber(oldest[2]) + ${MINUTE_MS} - now
end
if redis.call('ZCARD', KEYS[2]) + recipients > perDay then
  local oldest = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
  local dayWait = tonumber(oldest[2]) + ${DAY_MS} - now
  if dayWait > wait then wait = dayWait end
end
if wait > 0 then return wait end
redis.call('ZADD', KEYS[1], now, ARGV[5])
for i = 1, recipients do redis.call('ZADD', KEYS[2], now, ARGV[5] .. ':' .. i) end
redis.call('PEXPIRE', KEYS[1], ${MINUTE_MS})
redis.call('PEXPIRE', KEYS[2], ${DAY_MS})
return 0
`;

export interface SendLimits {
  perMinute: number;
  recipientsPerDay: number;
}

/**
 * The mail provider's sending limits per From address (Exchange Online: 30 messages a minute, 10,000 recipients a
 * day), kept in Redis so that every worker counts against the same budget. A burst then waits in its queue
 * instead of failing with the provider's throttling errors.
 * Owns `keys.sendQuota`.
 */
export class SendQuota {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    private readonly limits: SendLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Reserves room for one email; 0 when reserved, else the milliseconds until there will be room. */
  async reserve(from: string, recipients = 1): Promise<number> {
    const sender = from.toLowerCase();
    const wait = await this.redis.eval(
      RESERVE,
      2,
      this.keys.sendQuota(sender, 'minute'),
      this.keys.sendQuota(sender, 'day'),
      this.now(),
      this.limits.perMinute,
      this.limits.recipientsPerDay,
      recipients,
      randomBytes(8).toString('hex'),
    );
    return Number(wait);
  }
}
