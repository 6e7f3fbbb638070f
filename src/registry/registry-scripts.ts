/**
 * Lua scripts, so that each change to the registry is all-or-nothing and two workers upserting the same firm
 * cannot both create it. Key names follow `keysFor(prefix).registry(...)`: ARGV[1] is `registry()`.
 */

/**
 * ARGV: base, now (ISO), now (ms), submissionId, newOrganisationId, orgFingerprint, orgData, identifier count,
 * identifiers…, user count, then per user: emailKey, email, newUserId, fingerprint, data.
 * Returns {'identifier-conflict', orgId…} or {outcome, orgId, notInFormCount, notInForm…, then per user:
 * outcome, userId, otherOrgId}.
 */
export const UPSERT_ORGANISATION = `
local base, now, nowMs, submissionId, newOrgId, orgFp, orgData = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7]
local i = 8
local identCount = tonumber(ARGV[i]); i = i + 1
local idents, found, foundList = {}, {}, {}
for n = 1, identCount do
  local ident = ARGV[i]; i = i + 1
  idents[#idents + 1] = ident
  local id = redis.call('GET', base .. ':org-by-identifier:' .. ident)
  if id and not found[id] then found[id] = true; foundList[#foundList + 1] = id end
end
if #foundList > 1 then
  table.sort(foundList)
  local result = {'identifier-conflict'}
  for _, id in ipairs(foundList) do result[#result + 1] = id end
  return result
end

local orgId = foundList[1] or newOrgId
local orgKey = base .. ':org:' .. orgId
local created = foundList[1] == nil
local changed = created
if created then
  redis.call('HSET', orgKey, 'id', orgId, 'createdAt', now)
  redis.call('ZADD', base .. ':orgs', nowMs, orgId)
elseif redis.call('HGET', orgKey, 'fingerprint') ~= orgFp then
  changed = true
end
if changed then
  local old = redis.call('HGET', orgKey, 'identifiers')
  if old then
    for ident in string.gmatch(old, '[^\\n]+') do
      local key = base .. ':org-by-identifier:' .. ident
      if redis.call('GET', key) == orgId then redis.call('DEL', key) end
    end
  end
  for _, ident in ipairs(idents) do redis.call('SET', base .. ':org-by-identifier:' .. ident, orgId) end
  redis.call('HSET', orgKey, 'fingerprint', orgFp, 'data', orgData, 'identifiers', table.concat(idents, '\\n'))
end

local usersKey = base .. ':org-users:' .. orgId
local conflictsKey = base .. ':org-conflicts:' .. orgId
local oldConflicts = redis.call('HGETALL', conflictsKey)
local newConflicts = {}
local seen = {}
local userResults = {}
local userCount = tonumber(ARGV[i]); i = i + 1
for n = 1, userCount do
  local eKey, email, newUserId, fp, data = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4]
  i = i + 5
  local byEmail = base .. ':user-by-email:' .. eKey
  local userId = redis.call('GET', byEmail)
  local outcome, otherOrg = 'unchanged', ''
  if not userId then
    userId = newUserId
    redis.call('HSET', base .. ':user:' .. userId, 'id', userId, 'organisationId', orgId, 'emailKey', eKey, 'fingerprint', fp,
      'data', data, 'activationState', 'not-invited', 'activationStateAt', now, 'createdAt', now, 'updatedAt', now)
    redis.call('SET', byEmail, userId)
    redis.call('SADD', usersKey, userId)
    outcome = 'created'
  else
    local userKey = base .. ':user:' .. userId
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
local oldMap, oldCount = asMap(oldConflicts)
local newMap, newCount = asMap(newConflicts)
local same = oldCount == newCount
if same then for k, v in pairs(newMap) do if oldMap[k] ~= v then same = false end end end
if not same then
  redis.call('DEL', conflictsKey)
  if newCount > 0 then redis.call('HSET', conflictsKey, unpack(newConflicts)) end
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

/** ARGV: base, userId, state, now. Activation is final: once activated, no other state is accepted. */
export const SET_ACTIVATION_STATE = `
local key = ARGV[1] .. ':user:' .. ARGV[2]
local current = redis.call('HGET', key, 'activationState')
if not current or current == 'activated' or current == ARGV[3] then return 0 end
redis.call('HSET', key, 'activationState', ARGV[3], 'activationStateAt', ARGV[4])
return 1
`;
