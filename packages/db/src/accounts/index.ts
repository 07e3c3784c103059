/**
 * Accounts: users, departments, device sessions with rotating refresh tokens, and the audit
 * log. One operation per file; every function takes the Database first and speaks domain types.
 */
export * from './types.js';
export * from './errors.js';
export * from './create-user.js';
export * from './find-user-by-login.js';
export * from './get-user.js';
export * from './get-user-credentials.js';
export * from './update-profile.js';
export * from './set-password-hash.js';
export * from './set-user-status.js';
// Not revokeUserSessionsWith: it takes a Prisma transaction, which never leaves this package.
export { revokeUserSessions, type RevokeUserSessionsInput } from './revoke-user-sessions.js';
export * from './settings.js';
export * from './pinyin.js';
export * from './search-users.js';
export * from './create-department.js';
export * from './move-department.js';
export * from './reorder-departments.js';
export * from './list-directory.js';
export * from './list-directory-page.js';
export * from './record-failed-sign-in.js';
export * from './record-successful-sign-in.js';
export * from './create-session.js';
export * from './rotate-refresh-token.js';
export * from './revoke-session.js';
export * from './list-sessions.js';
export * from './is-session-active.js';
export * from './append-audit-entry.js';
export * from './seed-demo.js';
