/**
 * Administration: what the admin console and the admin CLI need beyond the accounts and
 * messaging functions they reuse (paged people and group lists, department rename/delete,
 * the audit log, message retention).
 */
export * from './list-users.js';
export * from './update-user.js';
export * from './departments.js';
export * from './groups.js';
export * from './sessions.js';
export * from './audit.js';
export * from './retention.js';
