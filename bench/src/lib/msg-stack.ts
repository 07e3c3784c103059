import { randomUUID } from 'node:crypto';

import { createSession, createUser, type Database } from '@parley/db';
import { createMsgServer, type MsgServer, type MsgServerConfig } from '@parley/msg-server';
import {
  createTokenSigner,
  createTokenVerifier,
  generateAuthKeys,
  silentLogger,
  type TokenSigner,
  type TokenVerifier,
} from '@parley/server-kit';

import { openBenchDatabase } from './database.js';

/** A seeded user: id and an access token for its own web session. */
export interface BenchUser {
  id: number;
  token: string;
}

/** A msg-server over a fresh database, with helpers to seed users and restart it. */
export interface MsgStack {
  db: Database;
  databaseLabel: string;
  url: string;
  port: number;
  server(): MsgServer;
  /** `count` users, each with a device session and a 1-hour access token. */
  createUsers(count: number, concurrency?: number): Promise<BenchUser[]>;
  /** Stops the msg-server (every socket is dropped) and starts a new one on the same port. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Benchmark settings on top of the server defaults: the per-connection rate limit is lifted
 * (load generators send far faster than a person) and nothing else changes.
 */
export const BENCH_MSG_CONFIG: Partial<MsgServerConfig> = {
  host: '127.0.0.1',
  port: 0,
  rateLimit: { perSecond: 100_000, burst: 100_000 },
};

/** Starts a msg-server in this process over a fresh database (see openBenchDatabase). */
export async function startMsgStack(config: Partial<MsgServerConfig> = {}): Promise<MsgStack> {
  const { db, label, cleanup } = await openBenchDatabase();
  const keys = await generateAuthKeys();
  const signer = await createTokenSigner({ privateKeyPem: keys.privateKeyPem, ttlSeconds: 3600 });
  const verifier = await createTokenVerifier({ publicKeyPem: keys.publicKeyPem });
  const make = (port: number) => newServer(db, verifier, { ...BENCH_MSG_CONFIG, ...config, port });
  let server = make(config.port ?? 0);
  const { port } = await server.start();
  const url = `http://127.0.0.1:${port}`;
  return {
    db,
    databaseLabel: label,
    url,
    port,
    server: () => server,
    createUsers: (count, concurrency = 8) => seedUsers(db, signer, count, concurrency),
    async restart() {
      await server.stop();
      server = make(port);
      await server.start();
    },
    async close() {
      await server.stop();
      await cleanup();
    },
  };
}

function newServer(
  db: Database,
  verifier: TokenVerifier,
  config: Partial<MsgServerConfig>,
): MsgServer {
  return createMsgServer({
    db,
    verifier,
    logger: silentLogger(),
    publicUrl: 'http://127.0.0.1',
    config,
  });
}

async function seedUsers(
  db: Database,
  signer: TokenSigner,
  count: number,
  concurrency: number,
): Promise<BenchUser[]> {
  const users: BenchUser[] = new Array<BenchUser>(count);
  const tag = randomUUID().slice(0, 8);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const user = await createUser(db, {
        login: `bench${i}-${tag}`,
        displayName: `Bench ${i}`,
        passwordHash: 'x',
        role: 'member',
      });
      const { session } = await createSession(db, {
        userId: user.id,
        deviceKind: 'web',
        refreshTtlMs: 86_400_000,
      });
      const { token } = await signer.sign({
        userId: user.id,
        sessionId: session.id,
        role: 'member',
        deviceKind: 'web',
      });
      users[i] = { id: user.id, token };
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return users;
}
