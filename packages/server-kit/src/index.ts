/**
 * Helpers shared by Parley's servers: configuration, logging, passwords, access tokens and the
 * mapping of typed errors onto HTTP. Nothing here knows about any one server.
 */
export * from './env.js';
export * from './free-port.js';
export * from './http-status.js';
export * from './http/index.js';
export * from './logger.js';
export * from './metrics/index.js';
export * from './passwords.js';
export * from './redis/index.js';
export * from './registry.js';
export * from './shutdown.js';
export * from './tokens.js';
