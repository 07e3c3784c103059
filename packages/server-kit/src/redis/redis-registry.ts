import { parseNodeStats } from '../metrics/node-stats.js';
import type { MsgServerEntry, ServerRegistry } from '../registry.js';

import type { RedisConnection } from './connect-redis.js';

// Reads the live entries in load order and forgets expired ids, atomically: an id re-announced
// while a list runs cannot be dropped from the index by it. (Entry keys are derived inside the
// script, which is fine on a single Redis or a replicated one, not on Redis Cluster.)
const LIST_SCRIPT = `
local ids = redis.call('ZRANGE', KEYS[1], 0, -1)
local out = {}
for _, id in ipairs(ids) do
  local v = redis.call('GET', ARGV[1] .. id)
  if v then table.insert(out, v) else redis.call('ZREM', KEYS[1], id) end
end
return out`;

export interface RedisRegistryOptions {
  redis: RedisConnection;
  /** Prefix of every key (default 'parley:'); every server of one deployment must agree. */
  prefix?: string;
}

/**
 * The discovery registry in Redis, shared by every msg-server (which announce) and
 * login-server (which list). Liveness is Redis's own key expiry, so a server that dies without
 * withdrawing drops out after its TTL whatever the clocks of the other machines say.
 *
 * Keys: `<prefix>registry:entry:<id>` (the entry as JSON, PX ttl) and `<prefix>registry:load`
 * (a sorted set of ids scored by load, which orders the list; ids whose entry has expired are
 * removed from it by the next list()). Not for Redis Cluster (see LIST_SCRIPT).
 *
 * `close()` does not close the connection: its owner does.
 *
 * @example
 * const registry = createRedisRegistry({ redis });
 * await registry.announce({ id: 'm1', url: 'http://10.0.0.5:3002', path: '/socket.io', connections: 12, load: 0.12 }, 15_000);
 * const live = await registry.list(); // least loaded first
 */
export function createRedisRegistry(options: RedisRegistryOptions): ServerRegistry {
  const { redis } = options;
  const prefix = `${options.prefix ?? 'parley:'}registry:`;
  const loadKey = `${prefix}load`;
  const entryKey = (id: string) => `${prefix}entry:${id}`;

  return {
    async announce(entry, ttlMs) {
      const clean: MsgServerEntry = {
        id: entry.id,
        url: entry.url,
        path: entry.path,
        connections: entry.connections,
        load: entry.load,
        ...(entry.stats ? { stats: entry.stats } : {}),
      };
      await redis
        .multi()
        .set(entryKey(entry.id), JSON.stringify(clean), 'PX', Math.max(1, Math.ceil(ttlMs)))
        .zadd(loadKey, entry.load, entry.id)
        .exec();
    },
    async withdraw(id) {
      await redis.multi().del(entryKey(id)).zrem(loadKey, id).exec();
    },
    async list() {
      const raw = (await redis.eval(LIST_SCRIPT, 1, loadKey, `${prefix}entry:`)) as string[];
      const live = raw.map(parseEntry).filter((e): e is MsgServerEntry => e !== null);
      return live.sort((a, b) => a.load - b.load || a.id.localeCompare(b.id));
    },
    async close() {},
  };
}

/** An entry read back from Redis; null when missing or not an entry (never trust the store). */
function parseEntry(raw: string | null): MsgServerEntry | null {
  if (raw === null) return null;
  try {
    const v = JSON.parse(raw) as Partial<Record<keyof MsgServerEntry, unknown>>;
    if (
      typeof v.id === 'string' &&
      typeof v.url === 'string' &&
      typeof v.path === 'string' &&
      typeof v.connections === 'number' &&
      typeof v.load === 'number' &&
      Number.isFinite(v.load)
    ) {
      const stats = parseNodeStats(v.stats);
      return {
        id: v.id,
        url: v.url,
        path: v.path,
        connections: v.connections,
        load: v.load,
        ...(stats ? { stats } : {}),
      };
    }
  } catch {
    // fall through: a corrupt value is treated as absent
  }
  return null;
}
