/**
 * The login-server as a library: tests, benchmarks and the embedded launcher start it
 * in-process; src/main.ts runs it on its own.
 */
export { createLoginServer, type LoginServer } from './server/create-login-server.js';
export { LOGIN_DEFAULTS, type LoginServerConfig, type LoginServerDeps } from './server/context.js';
export { createMemoryFailureLimiter, type FailureLimiter } from './auth/failure-limiter.js';
export { seedDemoAccounts } from './seed/seed-demo-accounts.js';
