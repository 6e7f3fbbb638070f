/**
 * Lua scripts, so that each change to the registry is all-or-nothing and two workers upserting the same firm
 * cannot both create it. Every key a script touches comes in KEYS, as Redis Cluster requires. Which keys
 * depends on what is stored (the organisation an identifier names, a user's id), so the caller reads that first
 * and passes what it read; the script answers {'stale'} when another write changed it in between, and the
 * caller reads again (see `readThenWrite`).
 */

/**
 * KEYS: orgs, org, org-users, org-conflicts, then the form's identifier keys (identCount), the organisation's
 * current identifier keys (oldCount), then per user: user-by-email, user.
 * ARGV: now (ISO), now (ms), submissionId, orgId, orgFingerprint, orgData, identCount, oldCount, userCount,
 * the organisation's identifiers as read ('' if none), then per identifier: identifier, organisation read;
 * then per user: emailKey, email, userId, user read ('' if none), fingerprint, data.
 * Returns {'stale'}, {'identifier-conflict', orgId…} or {outcome, orgId, notInFormCount, notInForm…, then per
 * user: outcome, userId, otherOrgId}.
 */
export const UPSERT_ORGANISATION = `
local now, nowMs, submissionId, orgId, orgFp, orgData = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local identCount, oldCount, userCount = tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[9])
local orgsKey, orgKey, usersKey, conflictsKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local function stored(value) return value or '' end

if stored(redis.call('HGET', orgKey, 'identifiers')) ~= ARGV[10] then return {'stale'} end
local idents, found, foundList = {}, {}, {}
for n = 1, identCount do
  local ident, read = ARGV[9 + 2 * n], ARGV[10 + 2 * n]
  local id = redis.call('GET', KEYS[4 + n])
  if stored(id) ~= read then return {'stale'} end
  idents[#idents + 1] = ident
  if id and not found[id] then found[id] = true; foundList[#foundList + 1] = id end
end
local u0 = 10 + 2 * identCount
for n = 1, userCount do
  if stored(redis.call('GET', KEYS[4 + identCount + oldCount + 2 * n - 1])) ~= ARGV[u0 + 6 * (n - 1) + 4] then return {'stale'} end
end
if #foundList > 1 then
  table.sort(foundList)
  local result = {'identifier-conflict'}
  for _, id in ipairs(foundList) do result[#result + 1] = id end
  return result
end

local created = foundList[1] == nil
local changed = created
if created then
  redis.call('HSET', orgKey, 'id', orgId, 'createdAt', now)
  redis.call('ZADD', orgsKey, nowMs, orgId)
elseif redis.call('HGET', orgKey, 'fingerprint') ~= orgFp then
  changed = true
end
if changed then
  for n = 1, oldCount do
    local key = KEYS[4 + identCount + n]
    if redis.call('GET', key) == orgId then redis.call('DEL', key) end
  end
  for n = 1, identCount do redis.call('SET', KEYS[4 + n], orgId) end
  redis.call('HSET', orgKey, 'fingerprint', orgFp, 'data', orgData, 'identifiers', table.concat(idents, '\\n'))
end

local oldConflicts = redis.call('HGETALL', conflictsKey)
local newConflicts = {}
local seen = {}
local userResults = {}
for n = 1, userCount do
  local a = u0 + 6 * (n - 1)
  local eKey, email, userId, fp, data = ARGV[a + 1], ARGV[a + 2], ARGV[a + 3], ARGV[a + 5], ARGV[a + 6]
  local byEmail, userKey = KEYS[4 + identCount + oldCount + 2 * n - 1], KEYS[4 + identCount + oldCount + 2 * n]
  local outcome, otherOrg = 'unchanged', ''
  if ARGV[a + 4] == '' then
    redis.call('HSET', userKey, 'id', userId, 'organisationId', orgId, 'emailKey', eKey, 'fingerprint', fp,
      'data', data, 'activationState', 'not-invited', 'activationStateAt', now, 'createdAt', now, 'updatedAt', now)
    redis.call('SET', byEmail, userId)
    redis.call('SADD', usersKey, userId)
    outcome = 'created'
  else
    local owner = redis.call('HGET', userKey, 'organisationId')
    if owner ~= orgId then
      outcome, otherOrg = 'conflict', owner
      newConflicts[#newConflicts + 1] = eKey
      newConflicts[#newConflicts + 1] = cjson.encode({email = email, existingOrganisationId = owner})
    elseif redis.call('HGET', userKey, 'fingerprint') ~= fp then
      redis.call('HSET', userKey, 'fingerprint', fp, 'data', data, 'updatedAt', now)
      outcome = 'updated'
    end
  end
  seen[userId] = true
  if outcome == 'created' or outcome == 'updated' then changed = true end
  userResults[#userResults + 1] = outcome
  userResults[#userResults + 1] = userId
  userResults[#userResults + 1] = otherOrg
end

-- Conflicts are those of the latest form; rewrite them only when they differ, so a retry writes nothing.
local function asMap(flat) local m, count = {}, 0 for k = 1, #flat, 2 do m[flat[k]] = flat[k + 1]; count = count + 1 end return m, count end
local oldMap, oldConflictCount = asMap(oldConflicts)
local newMap, newConflictCount = asMap(newConflicts)
local same = oldConflictCount == newConflictCount
if same then for k, v in pairs(newMap) do if oldMap[k] ~= v then same = false end end end
if not same then
  redis.call('DEL', conflictsKey)
  if newConflictCount > 0 then redis.call('HSET', conflictsKey, unpack(newConflicts)) end
end

if changed then redis.call('HSET', orgKey, 'updatedAt', now, 'submissionId', submissionId) end

local notInForm = {}
for _, id in ipairs(redis.call('SMEMBERS', usersKey)) do
  if not seen[id] then notInForm[#notInForm + 1] = id end
end
table.sort(notInForm)
local outcome = created and 'created' or (changed and 'updated' or 'unchanged')
local result = {outcome, orgId, tostring(#notInForm)}
for _, id in ipairs(notInForm) do result[#result + 1] = id end
for _, v in ipairs(userResults) do result[#result + 1] = v end
return result
`;

/** KEYS: user. ARGV: state, now. Activation is final: once activated, no other state is accepted. */
export const SET_ACTIVATION_STATE = `
local current = redis.call('HGET', KEYS[1], 'activationState')
if not current or current == 'activated' or current == ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'activationState', ARGV[1], 'activationStateAt', ARGV[2])
return 1
`;
