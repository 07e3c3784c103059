import { migrateDatabase, openDatabase } from '@parley/db';
import { createLogger, createTokenVerifier, stopOnSignals } from '@parley/server-kit';

import { loadFileConfig } from './config.js';
import { createFileServer } from './server/create-file-server.js';
import { createS3Storage } from './storage/s3-storage.js';

const config = loadFileConfig();
const logger = createLogger('file-server', { level: config.logLevel });
if (!config.server.linkSecret) {
  logger.warn(
    'FILE_LINK_SECRET is not set: download links stop working when this process restarts',
  );
}

const db = await openDatabase({ databaseUrl: config.databaseUrl, logger });
await migrateDatabase(db);
const verifier = await createTokenVerifier({ publicKeyPem: config.publicKeyPem });
const server = createFileServer({
  db,
  verifier,
  logger,
  config: config.server,
  // Without S3 settings, createFileServer keeps objects on local disk under FILE_DATA_DIR.
  ...(config.s3 ? { storage: createS3Storage(config.s3) } : {}),
});
await server.start();

stopOnSignals(logger, async () => {
  await server.stop();
  await db.close();
});
