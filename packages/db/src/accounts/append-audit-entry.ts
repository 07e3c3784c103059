import type { Database } from '../client.js';
import type { Prisma } from '../generated/prisma/client.js';

export interface AuditEntryInput {
  /** Who did it; null for the system itself. */
  actorId: number | null;
  /** Dotted verb, e.g. 'auth.sign_in', 'user.disable'. */
  action: string;
  targetType: string;
  targetId: string | number;
  before?: unknown;
  after?: unknown;
  ip?: string;
  at?: Date;
}

/** Appends one row to the audit log (admin actions and security events). */
export async function appendAuditEntry(db: Database, entry: AuditEntryInput): Promise<void> {
  await db.prisma.auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: String(entry.targetId),
      ...(entry.before === undefined ? {} : { before: entry.before as Prisma.InputJsonValue }),
      ...(entry.after === undefined ? {} : { after: entry.after as Prisma.InputJsonValue }),
      ip: (entry.ip ?? '').slice(0, 100),
      ...(entry.at ? { createdAt: entry.at } : {}),
    },
  });
}
