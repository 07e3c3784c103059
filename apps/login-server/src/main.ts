import { createPublicKey } from 'node:crypto';

import { migrateDatabase, openDatabase } from '@parley/db';
import {
  createLogger,
  createTokenSigner,
  createTokenVerifier,
  stopOnSignals,
} from '@parley/server-kit';

import { loadLoginConfig } from './config.js';
import { seedDemoAccounts } from './seed/seed-demo-accounts.js';
import { LOGIN_DEFAULTS } from './server/context.js';
import { createLoginServer } from './server/create-login-server.js';
import { openSharedState } from './server/shared-state.js';

const config = loadLoginConfig();
const logger = createLogger('login-server', { level: config.logLevel });

const db = await openDatabase({ databaseUrl: config.databaseUrl, logger });
await migrateDatabase(db);
if (config.adminPassword) {
  const seeded = await seedDemoAccounts(db, {
    adminPassword: config.adminPassword,
    demoPassword: config.demoPassword ?? null,
  });
  if (seeded.created) logger.info({ logins: seeded.logins }, 'seeded first accounts');
}

// Only the private key is configured; the verifying half is derived from it.
const publicKeyPem = createPublicKey(config.privateKeyPem)
  .export({ type: 'spki', format: 'pem' })
  .toString();
const signer = await createTokenSigner({
  privateKeyPem: config.privateKeyPem,
  ttlSeconds: config.accessTtlSeconds,
});
const verifier = await createTokenVerifier({ publicKeyPem });
const shared = await openSharedState({
  redisUrl: config.redisUrl,
  prefix: config.redisPrefix,
  ipLimit: config.server.ipLimit ?? LOGIN_DEFAULTS.ipLimit,
  logger,
});
if (shared.kind === 'memory') {
  // A standalone login-server without Redis sees no msg-server in another process.
  logger.warn('no REDIS_URL: discovery, address limits and session events stay in this process');
}

const server = createLoginServer({
  db,
  signer,
  verifier,
  registry: shared.registry,
  ipLimiter: shared.ipLimiter,
  sessionEvents: shared.sessionEvents,
  logger,
  config: config.server,
});
await server.start();

stopOnSignals(logger, async () => {
  await server.stop();
  await shared.close();
  await db.close();
});
