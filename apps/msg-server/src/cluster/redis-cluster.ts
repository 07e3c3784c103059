import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Logger, RedisConnection } from '@parley/server-kit';

import type { MsgServerDeps } from '../server.js';
import { createRedisPresence } from './redis-presence.js';

export interface RedisClusterOptions {
  /** The node's Redis connection; the adapter opens two more from it (duplicate()). */
  redis: RedisConnection;
  /** Key prefix of the deployment (REDIS_PREFIX, e.g. 'parley:'); every node must agree. */
  prefix: string;
  serverId: string;
  logger: Logger;
  /** Presence heartbeat (default 2 s); a killed node's users are swept after 3 of them. */
  presenceHeartbeatMs?: number;
}

/**
 * What makes several msg-servers one cluster: socket.io's Redis streams adapter (every push to
 * a room reaches the room's sockets on all nodes; the stream survives a short Redis outage
 * and resumes where it stopped) and presence counted across nodes. Spread into
 * createMsgServer's deps.
 *
 * Keys: the stream `<prefix>socket.io` (capped at about 10,000 entries), pub/sub channels
 * `<prefix>socket.io#/#...`, and presence under `<prefix>presence:`.
 *
 * @example
 * const server = createMsgServer({ db, verifier, logger, publicUrl,
 *   ...redisCluster({ redis, prefix: 'parley:', serverId: 'msg-1', logger }) });
 */
export function redisCluster(
  options: RedisClusterOptions,
): Required<Pick<MsgServerDeps, 'adapter' | 'presence'>> {
  return {
    adapter: createAdapter(options.redis, {
      streamName: `${options.prefix}socket.io`,
      channelPrefix: `${options.prefix}socket.io`,
      maxLen: 10_000,
      // A shorter block lets a stopping node's reader end soon after the adapter closes.
      blockTimeInMs: 2_000,
    }),
    presence: createRedisPresence({
      redis: options.redis,
      prefix: options.prefix,
      serverId: options.serverId,
      logger: options.logger,
      ...(options.presenceHeartbeatMs ? { heartbeatMs: options.presenceHeartbeatMs } : {}),
    }),
  };
}
