import type { Database } from '../client.js';
import type { Prisma } from '../generated/prisma/client.js';

/** One audit log row as the console shows it. */
export interface AuditEntryRecord {
  id: number;
  actorId: number | null;
  actorLogin: string;
  action: string;
  targetType: string;
  targetId: string;
  before: unknown;
  after: unknown;
  ip: string;
  createdAt: Date;
}

export interface ListAuditInput {
  actorId?: number;
  /** Exact action, or a prefix when it ends with "." ("user." matches "user.create"). */
  action?: string;
  /** Only entries with a smaller id (the next page). */
  beforeId?: number;
  limit?: number;
}

/**
 * One page of the audit log, newest first. `nextBeforeId` is the id to pass as `beforeId` for
 * the next page, or null at the end.
 *
 * @example
 * const page = await listAuditEntries(db, { action: 'user.', limit: 50 });
 */
export async function listAuditEntries(
  db: Database,
  input: ListAuditInput = {},
): Promise<{ entries: AuditEntryRecord[]; nextBeforeId: number | null }> {
  const limit = input.limit ?? 50;
  const action = input.action ?? '';
  const where: Prisma.AuditLogWhereInput = {
    ...(input.actorId === undefined ? {} : { actorId: input.actorId }),
    ...(action === ''
      ? {}
      : action.endsWith('.')
        ? { action: { startsWith: action } }
        : { action }),
    ...(input.beforeId === undefined ? {} : { id: { lt: BigInt(input.beforeId) } }),
  };
  const rows = await db.prisma.auditLog.findMany({
    where,
    orderBy: { id: 'desc' },
    take: limit + 1,
    include: { actor: { select: { login: true } } },
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    entries: page.map((r) => ({
      id: Number(r.id),
      actorId: r.actorId,
      actorLogin: r.actor?.login ?? '',
      action: r.action,
      targetType: r.targetType,
      targetId: r.targetId,
      before: r.before,
      after: r.after,
      ip: r.ip,
      createdAt: r.createdAt,
    })),
    nextBeforeId: rows.length > limit && last ? Number(last.id) : null,
  };
}
