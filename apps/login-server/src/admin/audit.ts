import { appendAuditEntry, type Database, type UserRecord } from '@parley/db';

/** Who did an admin action, from where (for the audit log). */
export interface AdminActor {
  /** null: the system itself (the retention job, the CLI without an admin account). */
  id: number | null;
  ip: string;
}

/**
 * Appends one admin action to the audit log: who, what, target, when, and the state before
 * and after (as JSON).
 */
export async function auditAdmin(
  db: Database,
  actor: AdminActor,
  action: string,
  target: { type: string; id: string | number },
  change: { before?: unknown; after?: unknown; at: Date },
): Promise<void> {
  await appendAuditEntry(db, {
    actorId: actor.id,
    action,
    targetType: target.type,
    targetId: target.id,
    ...(change.before === undefined ? {} : { before: change.before }),
    ...(change.after === undefined ? {} : { after: change.after }),
    ip: actor.ip,
    at: change.at,
  });
}

/** What the audit log records of a person (no secrets). */
export function userSnapshot(user: UserRecord): Record<string, unknown> {
  return {
    login: user.login,
    displayName: user.displayName,
    departmentId: user.departmentId,
    title: user.title,
    role: user.role,
    status: user.status,
    signature: user.signature,
  };
}
