/**
 * State that several server processes share when a deployment scales out: the discovery
 * registry, the per-address sign-in failure limiter and the session-ended broadcast. Each is a
 * small interface with an in-process implementation (embedded mode, tests) and a Redis one
 * (REDIS_URL). The in-memory registry lives in ../registry.ts with its interface.
 */
export * from './connect-redis.js';
export * from './failure-limiter.js';
export * from './redis-failure-limiter.js';
export * from './redis-registry.js';
export * from './redis-session-events.js';
export * from './session-events.js';
