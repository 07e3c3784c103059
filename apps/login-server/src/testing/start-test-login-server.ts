import { createUser, type Database, type UserRecord } from '@parley/db';
import { createTestDatabase } from '@parley/db/testing';
import {
  createMemoryRegistry,
  createTokenSigner,
  createTokenVerifier,
  generateAuthKeys,
  hashPassword,
  silentLogger,
  type AuthKeyPair,
  type ServerRegistry,
  type TokenSigner,
} from '@parley/server-kit';

import type { LoginServerConfig } from '../server/context.js';
import { createLoginServer } from '../server/create-login-server.js';

/** A clock tests move by hand. */
export interface TestClock {
  now(): number;
  advance(ms: number): void;
}

export function createTestClock(start = Date.now()): TestClock {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

export interface TestLoginServer {
  base: string;
  db: Database;
  keys: AuthKeyPair;
  signer: TokenSigner;
  /** Drives lockouts, rate limits and token times. */
  clock: TestClock;
  /** Drives discovery expiry. */
  registryClock: TestClock;
  registry: ServerRegistry;
  /** Creates an active user with an argon2id-hashed password. */
  addUser(
    login: string,
    password: string,
    extra?: { status?: 'active' | 'disabled'; role?: 'member' | 'admin' },
  ): Promise<UserRecord>;
  stop(): Promise<void>;
}

/**
 * A real login-server on a free port with a fresh migrated database, fresh keys and
 * controllable clocks. X-Forwarded-For is trusted so tests can pose as different addresses.
 */
export async function startTestLoginServer(
  config: Partial<LoginServerConfig> = {},
): Promise<TestLoginServer> {
  const { db, cleanup } = await createTestDatabase();
  const keys = await generateAuthKeys();
  const signer = await createTokenSigner({ privateKeyPem: keys.privateKeyPem, ttlSeconds: 900 });
  const verifier = await createTokenVerifier({ publicKeyPem: keys.publicKeyPem });
  const clock = createTestClock();
  const registryClock = createTestClock();
  const registry = createMemoryRegistry(registryClock.now);
  const server = createLoginServer({
    db,
    signer,
    verifier,
    registry,
    logger: silentLogger(),
    now: clock.now,
    config: {
      host: '127.0.0.1',
      port: 0,
      fileServerUrl: 'http://files.test:3003',
      trustProxy: true,
      ...config,
    },
  });
  const { port } = await server.start();
  return {
    base: `http://127.0.0.1:${port}`,
    db,
    keys,
    signer,
    clock,
    registryClock,
    registry,
    async addUser(login, password, extra = {}) {
      return createUser(db, {
        login,
        displayName: login,
        passwordHash: await hashPassword(password),
        ...extra,
      });
    },
    async stop() {
      await server.stop();
      await registry.close();
      await cleanup();
    },
  };
}
