/**
 * The weak-network test stack: the three servers in one process on one test database, each
 * behind its own network shaper, with discovery and upload URLs pointing at the shapers, so a
 * client that starts from `loginUrl` crosses the shaped network for every byte.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Database } from '@parley/db';
import { createTestDatabase } from '@parley/db/testing';
import { createFileServer } from '@parley/file-server';
import { createLoginServer, seedDemoAccounts } from '@parley/login-server';
import { createMsgServer, type MsgServer, type MsgServerConfig } from '@parley/msg-server';
import {
  createNetShaper,
  seededRandom,
  type NetShaper,
  type NetworkProfile,
  type ProfileName,
} from '@parley/netshaper';
import {
  createMemoryRegistry,
  createMemorySessionEvents,
  createTokenSigner,
  createTokenVerifier,
  generateAuthKeys,
  silentLogger,
} from '@parley/server-kit';

import { resolvePort } from '../free-port.js';

const HOST = '127.0.0.1';
/** The password of the seeded demo accounts (alice, bob). */
export const DEMO_PASSWORD = 'demo-password-1';

/** One server and the shaper in front of it. */
export interface ShapedEndpoint {
  /** The server itself, unshaped (for assertions from the test, never for the client). */
  direct: string;
  shaper: NetShaper;
}

export interface ShapedStack {
  db: Database;
  /** Where clients start (the login-server's shaper). */
  loginUrl: string;
  login: ShapedEndpoint;
  msg: ShapedEndpoint & { server: MsgServer };
  file: ShapedEndpoint;
  /** Switches every shaper to a profile. */
  setProfile(profile: ProfileName | NetworkProfile, overrides?: Partial<NetworkProfile>): void;
  stop(): Promise<void>;
}

export interface ShapedStackOptions {
  profile: ProfileName | NetworkProfile;
  /** msg-server settings (e.g. a short heartbeat so a dead network is noticed quickly). */
  msg?: Partial<MsgServerConfig>;
  /** Seed of the shapers' reset decisions. */
  seed?: number;
}

/**
 * Starts the stack. Every server listens on a free port; discovery hands out the msg shaper's
 * URL and the file shaper's URL, never the servers' own.
 *
 * @example
 * const stack = await startShapedStack({ profile: '2G', msg: { pingIntervalMs: 2000 } });
 * const client = createParleyClient({ loginUrl: stack.loginUrl });
 * await stack.stop();
 */
export async function startShapedStack(options: ShapedStackOptions): Promise<ShapedStack> {
  const logger = silentLogger();
  const stoppers: Array<() => Promise<void>> = [];
  const shapers: NetShaper[] = [];
  const stop = async () => {
    // The network first: a connection it left hanging would hold a server's close up.
    await Promise.all(shapers.splice(0).map((s) => s.close()));
    for (const s of stoppers.splice(0).reverse()) await s().catch(() => undefined);
  };
  try {
    const t = await createTestDatabase();
    stoppers.push(() => t.cleanup());
    await seedDemoAccounts(t.db, { adminPassword: DEMO_PASSWORD, demoPassword: DEMO_PASSWORD });
    const filesDir = await mkdtemp(join(tmpdir(), 'parley-weak-net-'));
    stoppers.push(() => rm(filesDir, { recursive: true, force: true }));

    const keys = await generateAuthKeys();
    const signer = await createTokenSigner({ privateKeyPem: keys.privateKeyPem, ttlSeconds: 900 });
    const verifier = await createTokenVerifier({ publicKeyPem: keys.publicKeyPem });
    const registry = createMemoryRegistry();
    stoppers.push(() => registry.close());
    const sessionEvents = createMemorySessionEvents({ logger });

    const seed = options.seed ?? 1;
    const shaped = async (n: number): Promise<ShapedEndpoint & { port: number }> => {
      const port = await resolvePort(0, HOST);
      const shaper = await createNetShaper({
        target: { host: HOST, port },
        profile: options.profile,
        random: seededRandom(seed * 10 + n),
      });
      shapers.push(shaper);
      return { port, direct: `http://${HOST}:${port}`, shaper };
    };
    const msgEnd = await shaped(1);
    const fileEnd = await shaped(2);
    const loginEnd = await shaped(3);

    const msg = createMsgServer({
      db: t.db,
      verifier,
      registry,
      sessionEvents,
      logger,
      publicUrl: msgEnd.shaper.url,
      // A quick announce so discovery knows the node by the time the first client asks.
      config: { host: HOST, port: msgEnd.port, announceIntervalMs: 500, ...options.msg },
    });
    await msg.start();
    stoppers.push(() => msg.stop());

    const file = createFileServer({
      db: t.db,
      verifier,
      logger,
      config: {
        host: HOST,
        port: fileEnd.port,
        dataDir: filesDir,
        publicUrl: fileEnd.shaper.url,
        linkSecret: 'weak-network-link-secret',
      },
    });
    await file.start();
    stoppers.push(() => file.stop());

    const login = createLoginServer({
      db: t.db,
      signer,
      verifier,
      registry,
      sessionEvents,
      logger,
      config: { host: HOST, port: loginEnd.port, fileServerUrl: fileEnd.shaper.url },
    });
    await login.start();
    stoppers.push(() => login.stop());
    await waitForDiscovery(loginEnd.direct);

    const all = [msgEnd, fileEnd, loginEnd];
    return {
      db: t.db,
      loginUrl: loginEnd.shaper.url,
      login: loginEnd,
      msg: { ...msgEnd, server: msg },
      file: fileEnd,
      setProfile(profile, overrides) {
        for (const e of all) e.shaper.setProfile(profile, overrides);
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Waits until the msg-server has announced itself (discovery lists one). */
async function waitForDiscovery(loginDirect: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const res = await fetch(`${loginDirect}/v1/discovery`, {
      headers: { accept: 'application/json' },
    });
    const body = (await res.json()) as { msgServers?: unknown[] };
    if ((body.msgServers?.length ?? 0) > 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the msg-server never showed up in discovery');
}
