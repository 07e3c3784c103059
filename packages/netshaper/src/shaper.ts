/**
 * The network shaper: a TCP proxy in front of one host:port that applies a NetworkProfile
 * to every connection, switchable at run time.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

import { ShapedConnection } from './connection.js';
import { resolveProfile, type NetworkProfile, type ProfileName } from './profiles.js';

/** Options of createNetShaper. */
export interface NetShaperOptions {
  /** Where connections are forwarded to. */
  target: { host: string; port: number };
  /** Where the shaper listens; default 127.0.0.1 and a free port. */
  listen?: { host?: string; port?: number };
  /** Default 'perfect'. */
  profile?: ProfileName | NetworkProfile;
  /** Source of randomness for the reset decisions (e.g. seededRandom(1)); default Math.random. */
  random?: () => number;
}

/** Counters since the shaper started (or since resetStats). */
export interface NetShaperStats {
  /** Connections accepted (including refused, blackholed and reset ones). */
  connections: number;
  /** Connections open right now. */
  active: number;
  /** Connections reset by the profile, by resetAll() or for a blocked WebSocket upgrade. */
  resets: number;
  /** New connections refused in 'block' mode. */
  refused: number;
  /** Connections that went silent ('blackhole' mode, new or switched). */
  blackholed: number;
  /** WebSocket upgrade requests refused (blockWebSocket). */
  webSocketsBlocked: number;
  /** Bytes forwarded client to server. */
  bytesUp: number;
  /** Bytes forwarded server to client. */
  bytesDown: number;
}

/** A running shaper. */
export interface NetShaper {
  /** The port the shaper listens on. */
  readonly port: number;
  readonly host: string;
  /** `http://host:port` (for handing to clients as a server URL). */
  readonly url: string;
  /** The profile in force. */
  readonly profile: NetworkProfile;
  /**
   * Switches the profile. Latency and bandwidth apply to bytes from now on; 'blackhole' also
   * silences every open connection (they stay silent after switching back, like connections
   * lost to a dead network); 'block' refuses new connections only.
   */
  setProfile(profile: ProfileName | NetworkProfile, overrides?: Partial<NetworkProfile>): void;
  /** Resets (TCP RST) every open connection. */
  resetAll(): void;
  /** A snapshot of the counters. */
  stats(): NetShaperStats;
  /** Zeroes the counters (active stays). */
  resetStats(): void;
  /** Stops listening and destroys every connection. Idempotent. */
  close(): Promise<void>;
}

/**
 * Starts a shaping TCP proxy in front of `target`.
 *
 * @example
 * const shaper = await createNetShaper({ target: { host: '127.0.0.1', port: 3002 }, profile: '2G' });
 * // point clients at shaper.url ...
 * shaper.setProfile('offline'); // the network is gone
 * shaper.setProfile('2G'); // and back
 * await shaper.close();
 */
export async function createNetShaper(options: NetShaperOptions): Promise<NetShaper> {
  let profile = resolveProfile(options.profile ?? 'perfect');
  const random = options.random ?? Math.random;
  const connections = new Set<ShapedConnection>();
  const sockets = new Set<Socket>();
  const stats: NetShaperStats = {
    connections: 0,
    active: 0,
    resets: 0,
    refused: 0,
    blackholed: 0,
    webSocketsBlocked: 0,
    bytesUp: 0,
    bytesDown: 0,
  };
  const shape = () => profile;

  const server: Server = createServer({ allowHalfOpen: true, noDelay: true }, (client) => {
    stats.connections += 1;
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    if (profile.mode === 'block') {
      stats.refused += 1;
      client.resetAndDestroy();
      return;
    }
    if (profile.mode === 'blackhole') {
      stats.blackholed += 1;
      client.resume(); // read and drop
      return;
    }
    const resetAfterBytes = pickResetPoint(profile, random);
    if (resetAfterBytes === 0) {
      stats.resets += 1;
      client.resetAndDestroy();
      return;
    }
    const upstream = connect({
      host: options.target.host,
      port: options.target.port,
      allowHalfOpen: true,
      noDelay: true,
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    stats.active += 1;
    const conn = new ShapedConnection(client, upstream, {
      shape,
      blockWebSocket: profile.blockWebSocket,
      resetAfterBytes,
      events: {
        onBytes: (direction, n) => {
          if (direction === 'up') stats.bytesUp += n;
          else stats.bytesDown += n;
        },
        onReset: () => (stats.resets += 1),
        onWebSocketBlocked: () => (stats.webSocketsBlocked += 1),
        onClose: () => {
          stats.active -= 1;
          connections.delete(conn);
        },
      },
    });
    connections.add(conn);
  });

  const listenHost = options.listen?.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.listen?.port ?? 0, listenHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('shaper has no TCP address');
  const port = address.port;
  let closing: Promise<void> | undefined;

  return {
    port,
    host: listenHost,
    url: `http://${listenHost}:${port}`,
    get profile() {
      return profile;
    },
    setProfile(next, overrides) {
      profile = resolveProfile(next, overrides);
      if (profile.mode === 'blackhole') {
        for (const c of connections) c.blackhole();
        stats.blackholed += connections.size;
      }
    },
    resetAll() {
      for (const c of connections) c.reset();
    },
    stats: () => ({ ...stats }),
    resetStats() {
      Object.assign(stats, {
        connections: 0,
        resets: 0,
        refused: 0,
        blackholed: 0,
        webSocketsBlocked: 0,
        bytesUp: 0,
        bytesDown: 0,
      });
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
      return closing;
    },
  };
}

/** 0: reset at connect; a byte count: reset there; Infinity: never. */
function pickResetPoint(profile: NetworkProfile, random: () => number): number {
  if (profile.resetRate <= 0 || random() >= profile.resetRate) return Infinity;
  if (random() < 0.5 || profile.resetAfterMaxBytes < 1) return 0;
  return 1 + Math.floor(random() * profile.resetAfterMaxBytes);
}

/**
 * A small seeded PRNG (mulberry32) for repeatable reset decisions.
 *
 * @example
 * createNetShaper({ target, profile: '2G', random: seededRandom(42) });
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
