/**
 * Lua scripts for activation tokens, so that issuing, consuming and expiring each happen at once: two POSTs of
 * one link cannot both activate. ARGV[1] is `keysFor(prefix).registry()`; key names below match
 * `activation-tokens.ts`.
 */

const KEYS = `
local base = ARGV[1]
local function tokenKey(hash) return base .. ':token:' .. hash end
local function userTokensKey(userId) return base .. ':user-tokens:' .. userId end
local remindersKey = base .. ':activation-reminders'
local expiriesKey = base .. ':activation-expiries'
`;

/** ARGV: base, hash, userId, nowMs, expiresAtMs, remindAtMs, keepUntilMs, replaceEarlier ('1' or '0'). */
export const ISSUE_TOKEN = `${KEYS}
local hash, userId, now, expiresAt, remindAt, keepUntil = ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7]
local setKey = userTokensKey(userId)
if ARGV[8] == '1' then
  for _, old in ipairs(redis.call('SMEMBERS', setKey)) do
    if redis.call('HGET', tokenKey(old), 'state') == 'live' then redis.call('HSET', tokenKey(old), 'state', 'replaced') end
  end
  redis.call('DEL', setKey)
end
redis.call('HSET', tokenKey(hash), 'userId', userId, 'issuedAt', now, 'expiresAt', expiresAt, 'state', 'live')
redis.call('PEXPIREAT', tokenKey(hash), keepUntil)
redis.call('SADD', setKey, hash)
redis.call('PEXPIREAT', setKey, keepUntil)
redis.call('ZADD', remindersKey, remindAt, userId)
redis.call('ZADD', expiriesKey, expiresAt, userId)
return 1
`;

/** ARGV: base, hash, nowMs. Returns {status, userId, timeMs}; a live token becomes used, with its siblings. */
export const CONSUME_TOKEN = `${KEYS}
local hash, now = ARGV[2], tonumber(ARGV[3])
local t = redis.call('HMGET', tokenKey(hash), 'userId', 'expiresAt', 'state', 'usedAt')
local userId, expiresAt, state, usedAt = t[1], t[2], t[3], t[4]
if not userId then return {'unknown'} end
if state == 'used' then return {'used', userId, usedAt} end
if state == 'replaced' then return {'replaced', userId, expiresAt} end
if now >= tonumber(expiresAt) then return {'expired', userId, expiresAt} end
-- Once an account is activated, every other link sent for it is spent as well.
local setKey = userTokensKey(userId)
for _, other in ipairs(redis.call('SMEMBERS', setKey)) do
  if redis.call('HGET', tokenKey(other), 'state') == 'live' then redis.call('HSET', tokenKey(other), 'state', 'used', 'usedAt', now) end
end
redis.call('HSET', tokenKey(hash), 'state', 'used', 'usedAt', now)
redis.call('DEL', setKey)
redis.call('ZREM', remindersKey, userId)
redis.call('ZREM', expiriesKey, userId)
return {'activated', userId, expiresAt}
`;

/** ARGV: base, userId, nowMs. Expires the user's links only if the latest has run out (a fresh one may not have). */
export const EXPIRE_USER = `${KEYS}
local userId, now = ARGV[2], tonumber(ARGV[3])
local due = redis.call('ZSCORE', expiriesKey, userId)
if not due or tonumber(due) > now then return 0 end
redis.call('DEL', userTokensKey(userId))
redis.call('ZREM', remindersKey, userId)
redis.call('ZREM', expiriesKey, userId)
return 1
`;
