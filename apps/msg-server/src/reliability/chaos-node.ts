import type { Socket as NetSocket } from 'node:net';

import type { Database } from '@parley/db';
import { silentLogger, type TokenVerifier } from '@parley/server-kit';

import { createMsgServer, type MsgServer } from '../server.js';

/**
 * The reliability test's world: one msg-server on a fixed port that can be killed (every TCP
 * connection cut without a goodbye, as a crashed process leaves them) and started again on the
 * same port. (The SDK clients live in reliability.test.ts: only test files may import the SDK.)
 */
export interface ChaosNode {
  url: string;
  start(): Promise<void>;
  /** Cuts every connection abruptly, then stops listening. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export function createChaosNode(db: Database, verifier: TokenVerifier, port: number): ChaosNode {
  const url = `http://127.0.0.1:${port}`;
  let server: MsgServer | undefined;
  const sockets = new Set<NetSocket>();
  return {
    url,
    async start() {
      server = createMsgServer({
        db,
        verifier,
        logger: silentLogger(),
        publicUrl: url,
        config: {
          host: '127.0.0.1',
          port,
          presenceGraceMs: 50,
          // The test measures delivery, not the limiter: bursts after a reconnect are expected.
          rateLimit: { perSecond: 10_000, burst: 10_000 },
        },
      });
      await server.start();
      server.io.httpServer.on('connection', (s: NetSocket) => {
        sockets.add(s);
        s.once('close', () => sockets.delete(s));
      });
    },
    async kill() {
      for (const s of sockets) s.destroy();
      sockets.clear();
      await server?.stop();
      server = undefined;
    },
    async stop() {
      await server?.stop();
      server = undefined;
    },
  };
}
