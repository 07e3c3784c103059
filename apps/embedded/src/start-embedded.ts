import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';

import { migrateDatabase, openDatabase } from '@parley/db';
import { createFileServer } from '@parley/file-server';
import { createLoginServer } from '@parley/login-server';
import { createMsgServer } from '@parley/msg-server';
import {
  createRootLogger,
  createMemoryRegistry,
  createMemorySessionEvents,
  createTokenSigner,
  createTokenVerifier,
  type Logger,
} from '@parley/server-kit';

import { loadOrCreateAuthKeys, loadOrCreateLinkSecret } from './auth-keys.js';
import type { EmbeddedConfig } from './config.js';
import { seedFirstRun, type FirstRun } from './first-run.js';
import { resolvePort } from './free-port.js';
import { createWebServer } from './web-server.js';

export interface EmbeddedUrls {
  web: string;
  login: string;
  msg: string;
  file: string;
}

export interface EmbeddedStack {
  urls: EmbeddedUrls;
  firstRun: FirstRun;
  /** Stops every server, then closes the database. Idempotent. */
  stop(): Promise<void>;
}

const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

/**
 * Starts the whole product in this process on embedded defaults: PGlite under the data folder
 * (or Postgres with DATABASE_URL), the in-memory discovery registry and socket.io adapter, the
 * three servers, and the web app's static export.
 *
 * @example
 * const stack = await startEmbedded(loadConfig());
 * console.log(stack.urls.web);
 * await stack.stop();
 */
export async function startEmbedded(
  config: EmbeddedConfig,
  rootLogger?: Logger,
): Promise<EmbeddedStack> {
  // Each component logs through its own child of one root, so `component` appears once a line.
  const root = rootLogger ?? createRootLogger({ level: config.LOG_LEVEL });
  const log = root.child({ component: 'embedded' });
  const dataDir = resolve(config.PARLEY_DATA_DIR);
  await mkdir(dataDir, { recursive: true });

  const host = config.PARLEY_HOST;
  const publicHost = config.PARLEY_PUBLIC_HOST;
  const ports = {
    web: await resolvePort(config.PARLEY_WEB_PORT, host),
    login: await resolvePort(config.PARLEY_LOGIN_PORT, host),
    msg: await resolvePort(config.PARLEY_MSG_PORT, host),
    file: await resolvePort(config.PARLEY_FILE_PORT, host),
  };
  const urls: EmbeddedUrls = {
    web: `http://${publicHost}:${ports.web}`,
    login: `http://${publicHost}:${ports.login}`,
    msg: `http://${publicHost}:${ports.msg}`,
    file: `http://${publicHost}:${ports.file}`,
  };

  const db = await openDatabase({
    databaseUrl: config.DATABASE_URL || undefined,
    dataDir: join(dataDir, 'pglite'),
    logger: root.child({ component: 'db' }),
  });
  const stoppers: Array<() => Promise<void>> = [() => db.close()];
  const stop = once(async () => {
    for (const s of stoppers.reverse()) {
      await s().catch((err: unknown) => log.error({ err }, 'error while stopping'));
    }
  });

  try {
    const { applied } = await migrateDatabase(db);
    if (applied.length > 0) log.info({ applied }, 'database migrated');
    const firstRun = await seedFirstRun(db, dataDir, {
      admin: config.PARLEY_ADMIN_PASSWORD,
      demo: config.PARLEY_DEMO_PASSWORD,
    });

    const keys = await loadOrCreateAuthKeys(dataDir);
    const signer = await createTokenSigner({
      privateKeyPem: keys.privateKeyPem,
      ttlSeconds: ACCESS_TOKEN_TTL_SECONDS,
    });
    const verifier = await createTokenVerifier({ publicKeyPem: keys.publicKeyPem });
    const registry = createMemoryRegistry();
    stoppers.unshift(() => registry.close());
    // Sign-out, revocation and disabling reach the msg-server's sockets through this.
    const sessionEvents = createMemorySessionEvents({ logger: log });

    const msg = createMsgServer({
      db,
      verifier,
      registry,
      logger: root.child({ component: 'msg-server' }),
      publicUrl: urls.msg,
      sessionEvents,
      config: { port: ports.msg, host, serverId: 'embedded-msg-1' },
    });
    await msg.start();
    stoppers.push(() => msg.stop());

    const file = createFileServer({
      db,
      verifier,
      logger: root.child({ component: 'file-server' }),
      config: {
        port: ports.file,
        host,
        dataDir: join(dataDir, 'files'),
        publicUrl: urls.file,
        linkSecret: await loadOrCreateLinkSecret(dataDir),
      },
    });
    await file.start();
    stoppers.push(() => file.stop());

    const login = createLoginServer({
      db,
      signer,
      verifier,
      registry,
      sessionEvents,
      logger: root.child({ component: 'login-server' }),
      config: { port: ports.login, host, fileServerUrl: urls.file },
    });
    await login.start();
    stoppers.push(() => login.stop());

    const web = createWebServer({
      root: config.PARLEY_WEB_DIR,
      // Same host the browser used, so the app works by IP or name as well as localhost.
      clientConfig: (req) => ({
        loginUrl: `http://${hostnameOf(req.headers.host, publicHost)}:${ports.login}`,
      }),
    });
    await listen(web, ports.web, host);
    stoppers.push(() => close(web));

    return { urls, firstRun, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

function hostnameOf(hostHeader: string | undefined, fallback: string): string {
  if (!hostHeader) return fallback;
  try {
    return new URL(`http://${hostHeader}`).hostname || fallback;
  } catch {
    return fallback;
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolveClose) => {
    server.closeAllConnections();
    server.close(() => resolveClose());
  });
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= fn());
}
