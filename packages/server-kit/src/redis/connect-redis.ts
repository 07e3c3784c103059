import { Redis } from 'ioredis';

import type { Logger } from '../logger.js';

/** A Redis connection (ioredis). One is shared by the registry, the limiter and the events. */
export type RedisConnection = Redis;

export interface ConnectRedisOptions {
  /** redis://[user:password@]host:port[/db] */
  url: string;
  logger?: Logger;
  /** Name shown by CLIENT LIST, e.g. 'login-server'. */
  connectionName?: string;
}

/**
 * Opens a Redis connection and waits until it is ready, so a wrong REDIS_URL fails at start-up
 * rather than on the first request. Afterwards ioredis reconnects by itself; commands issued
 * while it is away fail fast (one retry) instead of queueing without bound.
 *
 * @example
 * const redis = await connectRedis({ url: 'redis://127.0.0.1:6379', logger });
 * const registry = createRedisRegistry({ redis });
 * // …
 * await redis.quit();
 */
export async function connectRedis(options: ConnectRedisOptions): Promise<RedisConnection> {
  const redis = new Redis(options.url, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    connectionName: options.connectionName,
    // Back off up to 2 s between reconnects; never give up (Redis restarts are routine).
    retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
  });
  let wasReady = false;
  redis.on('ready', () => {
    if (wasReady) options.logger?.info('redis reconnected');
    wasReady = true;
  });
  // Without a listener ioredis prints errors itself; with one they go to the structured log.
  redis.on('error', (err: Error) => options.logger?.warn({ err: err.message }, 'redis error'));
  try {
    await redis.connect();
  } catch (err) {
    redis.disconnect();
    throw err;
  }
  return redis;
}
