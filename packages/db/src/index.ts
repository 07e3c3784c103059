/**
 * Parley's data access: the only package that talks to Prisma or a database driver.
 * Everything it exports speaks Parley's domain types, never Prisma's.
 */
export * from './client.js';
export * from './migrate.js';
export * from './accounts/index.js';
export * from './messaging/index.js';
export * from './files/index.js';
export * from './admin/index.js';
