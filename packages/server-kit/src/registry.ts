/**
 * The discovery registry: msg-servers announce themselves and their load every few seconds;
 * login-server lists the live ones, best first. An entry that stops announcing expires.
 * The embedded mode uses the in-memory registry; deployments with Redis use a Redis one.
 */
import type { NodeStatsSnapshot } from './metrics/node-stats.js';

export interface MsgServerEntry {
  id: string;
  /** socket.io origin the clients connect to, e.g. http://localhost:3002 */
  url: string;
  /** socket.io path, e.g. /socket.io */
  path: string;
  connections: number;
  /** Lower is better; lists are sorted by it. */
  load: number;
  /** Live numbers for the admin dashboard (absent from nodes that do not report them). */
  stats?: NodeStatsSnapshot;
}

export interface ServerRegistry {
  /** Adds or refreshes an entry; it is dropped if not announced again within ttlMs. */
  announce(entry: MsgServerEntry, ttlMs: number): Promise<void>;
  /** Removes an entry at once (clean shutdown). */
  withdraw(id: string): Promise<void>;
  /** Live entries, lowest load first. */
  list(): Promise<MsgServerEntry[]>;
  close(): Promise<void>;
}

/**
 * A registry inside one process.
 *
 * @example
 * const registry = createMemoryRegistry();
 * await registry.announce({ id: 'm1', url: 'http://localhost:3002', path: '/socket.io', connections: 0, load: 0 }, 15000);
 */
export function createMemoryRegistry(now: () => number = Date.now): ServerRegistry {
  const entries = new Map<string, { entry: MsgServerEntry; expiresAt: number }>();
  return {
    async announce(entry, ttlMs) {
      entries.set(entry.id, { entry: { ...entry }, expiresAt: now() + ttlMs });
    },
    async withdraw(id) {
      entries.delete(id);
    },
    async list() {
      const t = now();
      const live: MsgServerEntry[] = [];
      for (const [id, { entry, expiresAt }] of entries) {
        if (expiresAt <= t) entries.delete(id);
        else live.push({ ...entry });
      }
      return live.sort((a, b) => a.load - b.load || a.id.localeCompare(b.id));
    },
    async close() {
      entries.clear();
    },
  };
}
