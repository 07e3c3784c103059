/**
 * Idle traffic per connection: N authenticated clients connect to a msg-server through the
 * network shaper (a counting TCP proxy), do nothing, and the bytes that cross the proxy are
 * counted over a window of a few heartbeats. Prints bytes per connection per minute for
 * WebSocket and for long-polling at the configured heartbeat, and writes
 * bench/results/idle-traffic.json.
 *
 *   npm run bench -- idle-traffic [--quick] [--clients=50] [--heartbeat=50000] [--timeout=30000]
 *     [--window=ms]
 *
 * Bytes are TCP payload (what the proxy forwards): HTTP, WebSocket framing, engine.io and
 * socket.io included; IP and TCP headers (about 52 bytes per segment, plus ACKs) are not.
 */
import { DEFAULT_MSG_SERVER_CONFIG } from '@parley/msg-server';
import { createNetShaper } from '@parley/netshaper';
import { parleySocketParser } from '@parley/proto/socket-parser';
import { io, type Socket } from 'socket.io-client';

import { flag, numberOption } from './lib/args.js';
import { describeDatabase } from './lib/database.js';
import { startMsgStack } from './lib/msg-stack.js';
import { writeResult } from './lib/results.js';

const quick = flag('quick');
const clients = numberOption('clients', quick ? 10 : 50);
const heartbeatMs = numberOption(
  'heartbeat',
  quick ? 5_000 : DEFAULT_MSG_SERVER_CONFIG.pingIntervalMs,
);
const timeoutMs = numberOption('timeout', DEFAULT_MSG_SERVER_CONFIG.pingTimeoutMs);
// A whole number of heartbeats (at least two), so the count is not a matter of phase.
const windowMs = numberOption(
  'window',
  (quick ? 2 : Math.max(2, Math.ceil(60_000 / heartbeatMs))) * heartbeatMs,
);

type Transport = 'websocket' | 'polling';

interface TransportFigures {
  transport: Transport;
  clients: number;
  windowMs: number;
  heartbeatsInWindow: number;
  bytesUpPerConnectionPerMinute: number;
  bytesDownPerConnectionPerMinute: number;
  bytesPerConnectionPerMinute: number;
  bytesPerConnectionPerHeartbeat: number;
  /** TCP connections opened during the window (long-polling reuses keep-alive connections). */
  connectionsOpenedInWindow: number;
}

console.log(
  `idle-traffic: ${clients} clients, heartbeat every ${heartbeatMs} ms (timeout ${timeoutMs} ms), ` +
    `window ${windowMs / 1000} s per transport; database: ${describeDatabase()}`,
);

const stack = await startMsgStack({ pingIntervalMs: heartbeatMs, pingTimeoutMs: timeoutMs });
const shaper = await createNetShaper({ target: { host: '127.0.0.1', port: stack.port } });
const results: TransportFigures[] = [];
try {
  const users = await stack.createUsers(clients);
  for (const transport of ['websocket', 'polling'] as const) {
    const sockets = await Promise.all(users.map((u) => connect(shaper.url, u.token, transport)));
    try {
      // Let the handshakes settle (a polling client's first exchanges), then count.
      await sleep(Math.min(2_000, heartbeatMs / 2));
      const before = shaper.stats();
      await sleep(windowMs);
      const after = shaper.stats();
      const alive = sockets.filter((s) => s.connected).length;
      if (alive !== clients) throw new Error(`${clients - alive} ${transport} clients dropped`);
      const minutes = windowMs / 60_000;
      const up = (after.bytesUp - before.bytesUp) / clients / minutes;
      const down = (after.bytesDown - before.bytesDown) / clients / minutes;
      const beats = windowMs / heartbeatMs;
      const figures: TransportFigures = {
        transport,
        clients,
        windowMs,
        heartbeatsInWindow: beats,
        bytesUpPerConnectionPerMinute: round(up),
        bytesDownPerConnectionPerMinute: round(down),
        bytesPerConnectionPerMinute: round(up + down),
        bytesPerConnectionPerHeartbeat: round(((up + down) * minutes) / beats),
        connectionsOpenedInWindow: after.connections - before.connections,
      };
      results.push(figures);
      console.log(
        `${transport.padEnd(9)} ${figures.bytesPerConnectionPerMinute} bytes/connection/minute ` +
          `(up ${figures.bytesUpPerConnectionPerMinute}, down ${figures.bytesDownPerConnectionPerMinute}; ` +
          `${figures.bytesPerConnectionPerHeartbeat} bytes per heartbeat; ` +
          `${figures.connectionsOpenedInWindow} TCP connections opened in the window)`,
      );
    } finally {
      for (const s of sockets) s.disconnect();
    }
  }
  writeResult('idle-traffic', {
    database: describeDatabase(),
    heartbeatIntervalMs: heartbeatMs,
    heartbeatTimeoutMs: timeoutMs,
    counted: 'TCP payload through the proxy (no IP/TCP headers)',
    transports: results,
  });
} finally {
  await shaper.close();
  await stack.close();
}

/** An authenticated socket.io connection on one transport, the way the SDK makes it. */
function connect(url: string, token: string, transport: Transport): Promise<Socket> {
  const socket = io(url, {
    auth: { token },
    transports: [transport],
    parser: parleySocketParser,
    reconnection: false,
    forceNew: true,
    timeout: 30_000,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.disconnect();
      reject(err);
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
