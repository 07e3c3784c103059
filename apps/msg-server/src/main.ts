import { migrateDatabase, openDatabase } from '@parley/db';
import { createLogger, createTokenVerifier } from '@parley/server-kit';

import { loadMsgConfig } from './config.js';
import { createMsgServer } from './server.js';

// Standalone msg-server: reads the environment, opens and migrates the database, serves.
const config = loadMsgConfig();
const logger = createLogger('msg-server', { level: config.logLevel });
const db = await openDatabase({ databaseUrl: config.databaseUrl, logger });
await migrateDatabase(db);
const verifier = await createTokenVerifier({ publicKeyPem: config.publicKeyPem });
const server = createMsgServer({
  db,
  verifier,
  logger,
  publicUrl: config.publicUrl,
  config: config.server,
});
await server.start();

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    void server
      .stop()
      .then(() => db.close())
      .then(() => process.exit(0));
  });
}
