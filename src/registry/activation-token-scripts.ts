/**
 * Lua scripts for activation tokens, so that issuing, consuming and expiring each happen at once: two POSTs of
 * one link cannot both activate. Every key comes in KEYS (Redis Cluster requires it): the user's other links are
 * read first and passed, and a script answers {'stale'} when they changed before it ran. Key names are those of
 * `activation-tokens.ts`.
 */

// The user's links as the caller read them: sorted hashes joined by commas.
const SAME_LINKS = `
local function sameLinks(setKey, expected)
  local links = redis.call('SMEMBERS', setKey)
  table.sort(links)
  return table.concat(links, ',') == expected
end
`;

/**
 * KEYS: token, user-tokens, activation-reminders, activation-expiries, then (when replacing) each earlier token.
 * ARGV: hash, userId, nowMs, expiresAtMs, remindAtMs, keepUntilMs, replaceEarlier ('1' or '0'), earlier links read.
 */
export const ISSUE_TOKEN = `${SAME_LINKS}
local hash, userId, now, expiresAt, remindAt, keepUntil = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
if ARGV[7] == '1' then
  if not sameLinks(KEYS[2], ARGV[8]) then return 'stale' end
  for n = 5, #KEYS do
    if redis.call('HGET', KEYS[n], 'state') == 'live' then redis.call('HSET', KEYS[n], 'state', 'replaced') end
  end
  redis.call('DEL', KEYS[2])
end
redis.call('HSET', KEYS[1], 'userId', userId, 'issuedAt', now, 'expiresAt', expiresAt, 'state', 'live')
redis.call('PEXPIREAT', KEYS[1], keepUntil)
redis.call('SADD', KEYS[2], hash)
redis.call('PEXPIREAT', KEYS[2], keepUntil)
redis.call('ZADD', KEYS[3], remindAt, userId)
redis.call('ZADD', KEYS[4], expiresAt, userId)
return 1
`;

/**
 * KEYS: token, user-tokens of the user it was read to belong to, activation-reminders, activation-expiries, then
 * the user's other tokens. ARGV: nowMs, userId read ('' if none), the user's links read.
 * Returns {'stale'} or {status, userId, timeMs}; a live token becomes used, with its siblings.
 */
export const CONSUME_TOKEN = `${SAME_LINKS}
local now = tonumber(ARGV[1])
local t = redis.call('HMGET', KEYS[1], 'userId', 'expiresAt', 'state', 'usedAt')
local userId, expiresAt, state, usedAt = t[1], t[2], t[3], t[4]
if (userId or '') ~= ARGV[2] then return {'stale'} end
if not userId then return {'unknown'} end
if state == 'used' then return {'used', userId, usedAt} end
if state == 'replaced' then return {'replaced', userId, expiresAt} end
if now >= tonumber(expiresAt) then return {'expired', userId, expiresAt} end
if not sameLinks(KEYS[2], ARGV[3]) then return {'stale'} end
-- Once an account is activated, every other link sent for it is spent as well.
for n = 5, #KEYS do
  if redis.call('HGET', KEYS[n], 'state') == 'live' then redis.call('HSET', KEYS[n], 'state', 'used', 'usedAt', now) end
end
redis.call('HSET', KEYS[1], 'state', 'used', 'usedAt', now)
redis.call('DEL', KEYS[2])
redis.call('ZREM', KEYS[3], userId)
redis.call('ZREM', KEYS[4], userId)
return {'activated', userId, expiresAt}
`;

/** KEYS: user-tokens, activation-reminders, activation-expiries. ARGV: userId, nowMs. Expires the user's links only if the latest has run out (a fresh one may not have). */
export const EXPIRE_USER = `
local userId, now = ARGV[1], tonumber(ARGV[2])
local due = redis.call('ZSCORE', KEYS[3], userId)
if not due or tonumber(due) > now then return 0 end
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], userId)
redis.call('ZREM', KEYS[3], userId)
return 1
`;
