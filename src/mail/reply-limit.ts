import { createHash } from 'node:crypto';
import type { Keys, RedisClient } from '../redis.js';

export interface ReplyLimits {
  perHour: number;
  perDay: number;
}

export type ReplyAllowance = { allowed: true } | { allowed: false; reason: string };

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

// One sorted set per sender: a member per reply, scored by when it was allowed. Checking both windows and
// adding the reply happen in one script, so workers answering the same sender at once cannot both slip in.
// A reply already counted (a retried job) is allowed again without counting twice.
const TAKE_SCRIPT = `
local now = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - ${DAY_MS})
if redis.call('ZSCORE', KEYS[1], ARGV[4]) then return 'ok' end
if redis.call('ZCOUNT', KEYS[1], now - ${HOUR_MS}, '+inf') >= tonumber(ARGV[2]) then return 'hour' end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 'day' end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], ${DAY_MS})
return 'ok'
`;

/** Keys hold a hash of the address, so Redis never stores who wrote to us. */
export function senderKey(address: string): string {
  return createHash('sha256').update(address.trim().toLowerCase()).digest('hex').slice(0, 32);
}

/**
 * Each sender's allowance of automatic replies (RFC 3834 asks responders to limit how often they answer one
 * address), shared by every worker.
 * Owns `keys.replyLimit`.
 */
export class ReplyAllowances {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Pick<Keys, 'replyLimit'>,
  ) {}

  /**
   * Takes one reply from the sender's allowance and says whether it may be sent. `replyId` names the reply,
   * such as its Message-ID, so asking again for the same reply does not use up the allowance.
   */
  async take(request: { sender: string; replyId: string; limits: ReplyLimits; now?: number }): Promise<ReplyAllowance> {
    const { sender, replyId, limits, now = Date.now() } = request;
    const verdict = await this.redis.eval(TAKE_SCRIPT, 1, this.keys.replyLimit(senderKey(sender)), now, limits.perHour, limits.perDay, replyId);
    if (verdict === 'ok') return { allowed: true };
    const window = verdict === 'hour' ? `${limits.perHour} in an hour` : `${limits.perDay} in a day`;
    return { allowed: false, reason: `this sender has had the most automatic replies allowed (${window})` };
  }
}
