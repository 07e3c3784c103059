import { migrateDatabase, openDatabase } from '@parley/db';
import { createLogger, createTokenVerifier } from '@parley/server-kit';

import { loadFileConfig } from './config.js';
import { createFileServer } from './server/create-file-server.js';

const config = loadFileConfig();
const logger = createLogger('file-server', { level: config.logLevel });

const db = await openDatabase({ databaseUrl: config.databaseUrl, logger });
await migrateDatabase(db);
const verifier = await createTokenVerifier({ publicKeyPem: config.publicKeyPem });
const server = createFileServer({ db, verifier, logger, config: config.server });
await server.start();

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  await server.stop();
  await db.close();
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    shutdown(signal).then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
