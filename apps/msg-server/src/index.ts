/**
 * @parley/msg-server: the "long link". Import createMsgServer to run it in-process (tests,
 * benchmarks, the embedded launcher); src/main.ts runs it standalone.
 */
export { createMsgServer } from './server.js';
export type { MsgServer, MsgServerDeps } from './server.js';
export { DEFAULT_MSG_SERVER_CONFIG, resolveConfig } from './settings.js';
export type { MsgServerConfig } from './settings.js';
export { loadMsgConfig } from './config.js';
export type { MsgMainConfig } from './config.js';
export { redisCluster } from './cluster/redis-cluster.js';
export type { RedisClusterOptions } from './cluster/redis-cluster.js';
export type { PresenceFactory, PresenceTracker } from './presence/presence-tracker.js';
