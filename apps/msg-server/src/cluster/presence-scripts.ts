/**
 * Lua scripts of the Redis presence store (./redis-presence.ts), each atomic. ARGV[1] is always
 * the key prefix P (e.g. `parley:presence:`). Keys, all derived from P inside the scripts
 * (fine on one Redis or a replicated one, not on Redis Cluster):
 *
 * - `P nodes`        sorted set: presence node id -> expiry (Redis clock, ms); heartbeats renew it
 * - `P node:<id>`    set of user ids with at least one connection on that node
 * - `P user:<uid>`   set of node ids where that user has a connection
 * - `P gone:<uid>`   the user just lost their last connection anywhere: a token naming the node
 *                    that announces them offline once the grace period passes (PX-limited)
 */

/** ARGV: P, node, uid. Returns 1 when the user came online (nowhere before, not in grace). */
export const JOIN = `
local P, node, uid = ARGV[1], ARGV[2], ARGV[3]
local userKey = P .. 'user:' .. uid
local elsewhere = redis.call('SCARD', userKey)
redis.call('SADD', P .. 'node:' .. node, uid)
redis.call('SADD', userKey, node)
local inGrace = redis.call('DEL', P .. 'gone:' .. uid)
if elsewhere == 0 and inGrace == 0 then return 1 end
return 0`;

/** ARGV: P, node, uid, token, goneTtlMs. Returns 1 when the user has no connection left. */
export const LEAVE = `
local P, node, uid = ARGV[1], ARGV[2], ARGV[3]
local userKey = P .. 'user:' .. uid
redis.call('SREM', P .. 'node:' .. node, uid)
redis.call('SREM', userKey, node)
if redis.call('SCARD', userKey) == 0 then
  redis.call('SET', P .. 'gone:' .. uid, ARGV[4], 'PX', ARGV[5])
  return 1
end
return 0`;

/** ARGV: P, uid, token. Returns 1 (and clears the mark) when the offline is still due. */
export const EXPIRE = `
local P, uid = ARGV[1], ARGV[2]
local goneKey = P .. 'gone:' .. uid
if redis.call('GET', goneKey) == ARGV[3] and redis.call('SCARD', P .. 'user:' .. uid) == 0 then
  redis.call('DEL', goneKey)
  return 1
end
return 0`;

/** ARGV: P, node, ttlMs. Renews the node; returns how many users Redis holds for it. */
export const HEARTBEAT = `
local P, node = ARGV[1], ARGV[2]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', P .. 'nodes', now + tonumber(ARGV[3]), node)
return redis.call('SCARD', P .. 'node:' .. node)`;

/**
 * ARGV: P, token, goneTtlMs, node. Takes every other node whose heartbeat expired (a killed
 * process) out of the user sets; only one caller gets each dead node (ZREM). The caller never
 * sweeps itself (its own heartbeat was merely late). Returns the users who are now nowhere:
 * the caller announces them offline after the grace period.
 */
export const SWEEP = `
local P = ARGV[1]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local gone = {}
for _, dead in ipairs(redis.call('ZRANGEBYSCORE', P .. 'nodes', '-inf', now)) do
  if dead ~= ARGV[4] and redis.call('ZREM', P .. 'nodes', dead) == 1 then
    local nodeKey = P .. 'node:' .. dead
    for _, uid in ipairs(redis.call('SMEMBERS', nodeKey)) do
      local userKey = P .. 'user:' .. uid
      redis.call('SREM', userKey, dead)
      if redis.call('SCARD', userKey) == 0 and redis.call('EXISTS', P .. 'gone:' .. uid) == 0 then
        redis.call('SET', P .. 'gone:' .. uid, ARGV[2], 'PX', ARGV[3])
        table.insert(gone, uid)
      end
    end
    redis.call('DEL', nodeKey)
  end
end
return gone`;

/**
 * ARGV: P, node, token, goneTtlMs, uid... Makes Redis hold exactly these users for the node
 * (after Redis lost its data or a command failed). Returns the users who are now nowhere.
 */
export const RESYNC = `
local P, node = ARGV[1], ARGV[2]
local nodeKey = P .. 'node:' .. node
local want = {}
for i = 5, #ARGV do want[ARGV[i]] = true end
local gone = {}
for _, uid in ipairs(redis.call('SMEMBERS', nodeKey)) do
  if not want[uid] then
    local userKey = P .. 'user:' .. uid
    redis.call('SREM', nodeKey, uid)
    redis.call('SREM', userKey, node)
    if redis.call('SCARD', userKey) == 0 then
      redis.call('SET', P .. 'gone:' .. uid, ARGV[3], 'PX', ARGV[4])
      table.insert(gone, uid)
    end
  end
end
for uid in pairs(want) do
  redis.call('SADD', nodeKey, uid)
  redis.call('SADD', P .. 'user:' .. uid, node)
  redis.call('DEL', P .. 'gone:' .. uid)
end
return gone`;

/** ARGV: P, uid... Returns those with a connection somewhere or within their grace period. */
export const ONLINE_AMONG = `
local P = ARGV[1]
local out = {}
for i = 2, #ARGV do
  local uid = ARGV[i]
  if redis.call('EXISTS', P .. 'user:' .. uid) == 1 or redis.call('EXISTS', P .. 'gone:' .. uid) == 1 then
    table.insert(out, uid)
  end
end
return out`;
