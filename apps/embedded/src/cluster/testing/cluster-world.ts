import { randomBytes } from 'node:crypto';

import {
  createSession,
  createUser,
  migrateDatabase,
  openDatabase,
  type Database,
} from '@parley/db';
import { createLoginServer, type LoginServer } from '@parley/login-server';
import {
  connectRedis,
  createRedisRegistry,
  createTokenSigner,
  createTokenVerifier,
  generateAuthKeys,
  silentLogger,
  type RedisConnection,
  type ServerRegistry,
  type TokenSigner,
} from '@parley/server-kit';

import { resolvePort } from '../../free-port.js';
import { createMsgNode, type MsgNode } from './msg-node.js';

export interface WorldOptions {
  /** A Postgres server URL to create this world's database on (default TEST_DATABASE_URL). */
  postgresUrl?: string;
  /** Default REDIS_URL or redis://127.0.0.1:6379. */
  redisUrl?: string;
  nodes: number;
  /** Extra environment for every msg-server. */
  env?: Record<string, string>;
}

export interface WorldUser {
  id: number;
  login: string;
}

/** A signed-in device: what the SDK needs as its saved session. */
export interface WorldSession {
  user: WorldUser;
  sessionId: number;
  accessToken: string;
}

/**
 * A scaled-out deployment on one machine: its own Postgres database, a unique Redis key
 * prefix (stream, registry, presence, session events), a login-server (in-process; discovery
 * reads the shared Redis registry) and msg-servers as child processes of the built main.
 */
export interface ClusterWorld {
  db: Database;
  databaseUrl: string;
  redisUrl: string;
  prefix: string;
  registry: ServerRegistry;
  loginUrl: string;
  nodes: MsgNode[];
  newUser(): Promise<WorldUser>;
  newSession(user: WorldUser): Promise<WorldSession>;
  close(): Promise<void>;
}

/** Starts a world; every node is up and listed by discovery when this resolves. */
export async function startClusterWorld(options: WorldOptions): Promise<ClusterWorld> {
  const postgresUrl =
    options.postgresUrl ??
    process.env.TEST_DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/test';
  const redisUrl = options.redisUrl ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const tag = `${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const prefix = `test:cluster:${tag}:`;

  // A database of its own, migrated once here so the nodes start on a ready schema.
  const admin = await openDatabase({ databaseUrl: postgresUrl, poolSize: 1 });
  const dbName = `parley_cluster_${tag}`;
  await admin.execSql(`CREATE DATABASE "${dbName}"`);
  const url = new URL(postgresUrl);
  url.pathname = `/${dbName}`;
  const databaseUrl = url.toString();
  const db = await openDatabase({ databaseUrl, poolSize: 4 });
  await migrateDatabase(db);

  const keys = await generateAuthKeys();
  const signer: TokenSigner = await createTokenSigner({
    privateKeyPem: keys.privateKeyPem,
    ttlSeconds: 3600,
  });
  const verifier = await createTokenVerifier({ publicKeyPem: keys.publicKeyPem });
  const redis: RedisConnection = await connectRedis({ url: redisUrl, logger: silentLogger() });
  const registry = createRedisRegistry({ redis, prefix });
  const login: LoginServer = createLoginServer({
    db,
    signer,
    verifier,
    registry,
    logger: silentLogger(),
    config: { host: '127.0.0.1', port: 0, fileServerUrl: 'http://127.0.0.1:9' },
  });
  const { port: loginPort } = await login.start();

  const env = {
    DATABASE_URL: databaseUrl,
    AUTH_PUBLIC_KEY: keys.publicKeyPem,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    MSG_ANNOUNCE_INTERVAL_MS: '300',
    MSG_PRESENCE_GRACE_MS: '300',
    // The test measures delivery, not the limiter: bursts after a reconnect are expected.
    MSG_RATE_PER_SECOND: '10000',
    MSG_RATE_BURST: '10000',
    ...options.env,
  };
  const nodes: MsgNode[] = [];
  for (let i = 0; i < options.nodes; i++) {
    nodes.push(createMsgNode(`node-${i}`, await resolvePort(0, '127.0.0.1'), env));
  }
  await Promise.all(nodes.map((n) => n.start()));

  let n = 0;
  return {
    db,
    databaseUrl,
    redisUrl,
    prefix,
    registry,
    loginUrl: `http://127.0.0.1:${loginPort}`,
    nodes,
    async newUser() {
      n += 1;
      const login = `c${n}-${tag}`;
      const user = await createUser(db, { login, displayName: login, passwordHash: 'x' });
      return { id: user.id, login };
    },
    async newSession(user) {
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
      return { user, sessionId: session.id, accessToken: token };
    },
    async close() {
      await Promise.all(nodes.map((node) => node.kill()));
      await login.stop();
      const left = await redis.keys(`${prefix}*`);
      if (left.length > 0) await redis.del(...left);
      await redis.quit();
      await db.close();
      await admin.execSql(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      await admin.close();
    },
  };
}
