import { createUser, type Database, type UserRecord } from '@parley/db';
import { createTestDatabase } from '@parley/db/testing';
import {
  createMemorySessionEvents,
  createMemoryRegistry,
  createTokenSigner,
  createTokenVerifier,
  generateAuthKeys,
  hashPassword,
  silentLogger,
  type AuthKeyPair,
  type FailureLimiter,
  type ServerRegistry,
  type SessionEvent,
  type SessionEvents,
  type TokenSigner,
} from '@parley/server-kit';

import { pb } from '@parley/proto';

import type { LoginServerConfig } from '../server/context.js';
import { call, readMessage } from './http-client.js';
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
  sessionEvents: SessionEvents;
  /** Every session event published so far, oldest first. */
  events: SessionEvent[];
  /** Creates an active user with an argon2id-hashed password. */
  addUser(
    login: string,
    password: string,
    extra?: { status?: 'active' | 'disabled'; role?: 'member' | 'admin'; displayName?: string },
  ): Promise<UserRecord>;
  /** Signs in over HTTP (from `ip` when given) and returns the tokens; fails unless 200. */
  signIn(login: string, password: string, ip?: string): Promise<pb.SessionTokens>;
  stop(): Promise<void>;
}

/**
 * A real login-server on a free port with a fresh migrated database, fresh keys and
 * controllable clocks. X-Forwarded-For is trusted so tests can pose as different addresses.
 */
export async function startTestLoginServer(
  config: Partial<LoginServerConfig> = {},
  shared: {
    registry?: ServerRegistry;
    ipLimiter?: FailureLimiter;
    sessionEvents?: SessionEvents;
  } = {},
): Promise<TestLoginServer> {
  const { db, cleanup } = await createTestDatabase();
  const keys = await generateAuthKeys();
  const signer = await createTokenSigner({ privateKeyPem: keys.privateKeyPem, ttlSeconds: 900 });
  const verifier = await createTokenVerifier({ publicKeyPem: keys.publicKeyPem });
  const clock = createTestClock();
  const registryClock = createTestClock();
  const registry = shared.registry ?? createMemoryRegistry(registryClock.now);
  const sessionEvents = shared.sessionEvents ?? createMemorySessionEvents();
  const events: SessionEvent[] = [];
  await sessionEvents.subscribe((e) => events.push(e));
  const server = createLoginServer({
    db,
    signer,
    verifier,
    registry,
    sessionEvents,
    ...(shared.ipLimiter ? { ipLimiter: shared.ipLimiter } : {}),
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
    sessionEvents,
    events,
    async addUser(login, password, extra = {}) {
      return createUser(db, {
        login,
        displayName: extra.displayName ?? login,
        passwordHash: await hashPassword(password),
        ...extra,
      });
    },
    async signIn(login, password, ip) {
      const res = await call(`http://127.0.0.1:${port}`, '/v1/auth/sign-in', {
        json: { login, password, deviceName: `${login}-device` },
        ...(ip ? { ip } : {}),
      });
      if (res.status !== 200) throw new Error(`sign-in of ${login} failed: ${res.status}`);
      return readMessage(res, pb.SessionTokens);
    },
    async stop() {
      await server.stop();
      await registry.close();
      await sessionEvents.close();
      await cleanup();
    },
  };
}
