import {
  connectRedis,
  createMemoryFailureLimiter,
  createMemoryRegistry,
  createMemorySessionEvents,
  createRedisFailureLimiter,
  createRedisRegistry,
  createRedisSessionEvents,
  type FailureLimit,
  type FailureLimiter,
  type Logger,
  type ServerRegistry,
  type SessionEvents,
} from '@parley/server-kit';

/** What several login-servers share when scaled out, and how to let go of it. */
export interface SharedState {
  registry: ServerRegistry;
  ipLimiter: FailureLimiter;
  sessionEvents: SessionEvents;
  /** 'redis' or 'memory', for the start-up log. */
  kind: 'redis' | 'memory';
  close(): Promise<void>;
}

/**
 * The registry, the per-address limiter and the session events: in Redis when `redisUrl` is
 * given (shared by every login-server and msg-server with the same prefix), otherwise in this
 * process.
 *
 * @example
 * const shared = await openSharedState({ redisUrl: process.env.REDIS_URL, prefix: 'parley:', ipLimit, logger });
 */
export async function openSharedState(options: {
  redisUrl: string | undefined;
  prefix: string;
  ipLimit: FailureLimit;
  logger: Logger;
}): Promise<SharedState> {
  const { logger } = options;
  if (!options.redisUrl) {
    const registry = createMemoryRegistry();
    const sessionEvents = createMemorySessionEvents({ logger });
    return {
      registry,
      ipLimiter: createMemoryFailureLimiter(options.ipLimit),
      sessionEvents,
      kind: 'memory',
      async close() {
        await registry.close();
        await sessionEvents.close();
      },
    };
  }
  const redis = await connectRedis({
    url: options.redisUrl,
    logger,
    connectionName: 'login-server',
  });
  const sessionEvents = createRedisSessionEvents({ redis, prefix: options.prefix, logger });
  return {
    registry: createRedisRegistry({ redis, prefix: options.prefix }),
    ipLimiter: createRedisFailureLimiter({ redis, prefix: options.prefix, ...options.ipLimit }),
    sessionEvents,
    kind: 'redis',
    async close() {
      await sessionEvents.close();
      await redis.quit();
    },
  };
}
