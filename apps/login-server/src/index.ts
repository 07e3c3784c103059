/**
 * The login-server as a library: tests, benchmarks and the embedded launcher start it
 * in-process; src/main.ts runs it on its own.
 */
export { createLoginServer, type LoginServer } from './server/create-login-server.js';
export { LOGIN_DEFAULTS, type LoginServerConfig, type LoginServerDeps } from './server/context.js';
// Kept for existing importers; they live in server-kit with their Redis twins now.
export { createMemoryFailureLimiter, type FailureLimiter } from '@parley/server-kit';
export { seedDemoAccounts } from './seed/seed-demo-accounts.js';
