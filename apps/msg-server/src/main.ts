import { migrateDatabase, openDatabase } from '@parley/db';
import {
  connectRedis,
  createLogger,
  createRedisRegistry,
  createRedisSessionEvents,
  createTokenVerifier,
  stopOnSignals,
} from '@parley/server-kit';

import { loadMsgConfig } from './config.js';
import { redisCluster } from './cluster/redis-cluster.js';
import { createMsgServer } from './server.js';

// Standalone msg-server: reads the environment, opens and migrates the database, serves.
const config = loadMsgConfig();
const logger = createLogger('msg-server', { level: config.logLevel });
const db = await openDatabase({ databaseUrl: config.databaseUrl, logger });
await migrateDatabase(db);
const verifier = await createTokenVerifier({ publicKeyPem: config.publicKeyPem });

// With Redis, this node announces itself where login-servers list msg-servers, hears of ended
// sessions wherever they end, shares rooms with the other nodes (Redis streams adapter) and
// counts presence across them.
const redis = config.redisUrl
  ? await connectRedis({ url: config.redisUrl, logger, connectionName: 'msg-server' })
  : undefined;
if (!redis) logger.warn('no REDIS_URL: this node is not announced for discovery');
const prefix = config.redisPrefix;
const server = createMsgServer({
  db,
  verifier,
  logger,
  publicUrl: config.publicUrl,
  config: config.server,
  ...(redis
    ? {
        registry: createRedisRegistry({ redis, prefix }),
        sessionEvents: createRedisSessionEvents({ redis, prefix, logger }),
        ...redisCluster({ redis, prefix, serverId: config.server.serverId, logger }),
        readiness: [{ name: 'redis', check: () => redis.ping() }],
      }
    : {}),
});
await server.start();

stopOnSignals(logger, async () => {
  await server.stop();
  await db.close();
  await redis?.quit();
});
