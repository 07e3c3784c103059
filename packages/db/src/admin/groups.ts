import type { Database } from '../client.js';
import { Prisma } from '../generated/prisma/client.js';
import type { Actor } from '../messaging/group-rules.js';
import type { MemberRole } from '../messaging/types.js';

/** A fixed group as the admin console lists it. */
export interface AdminGroupRecord {
  id: number;
  title: string;
  ownerId: number | null;
  memberCount: number;
  createdAt: Date;
}

/** A current member of a group, with who they are. */
export interface AdminGroupMemberRecord {
  userId: number;
  login: string;
  displayName: string;
  role: MemberRole;
}

type GroupRow = {
  id: number;
  title: string;
  owner_id: number | null;
  member_count: bigint | number;
  created_at: Date;
};

const toGroup = (r: GroupRow): AdminGroupRecord => ({
  id: Number(r.id),
  title: r.title,
  ownerId: r.owner_id === null ? null : Number(r.owner_id),
  memberCount: Number(r.member_count),
  createdAt: r.created_at,
});

/**
 * One page of fixed groups (kind group_fixed), by title then id, with member counts and the
 * total number of matches. `q` filters titles (case-insensitive substring).
 */
export async function listFixedGroups(
  db: Database,
  input: { q?: string; offset?: number; limit?: number } = {},
): Promise<{ groups: AdminGroupRecord[]; total: number }> {
  const q = (input.q ?? '').trim();
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const filter =
    q === ''
      ? Prisma.sql`c.kind = 'group_fixed'`
      : Prisma.sql`c.kind = 'group_fixed' AND c.title ILIKE ${pattern}`;
  const rows = await db.prisma.$queryRaw<GroupRow[]>(Prisma.sql`
    SELECT c.id, c.title, c.owner_id, c.created_at,
      (SELECT count(*) FROM members m WHERE m.conversation_id = c.id AND m.left_at IS NULL) AS member_count
    FROM conversations c WHERE ${filter}
    ORDER BY c.title, c.id OFFSET ${input.offset ?? 0} LIMIT ${input.limit ?? 50}`);
  const [count] = await db.prisma.$queryRaw<{ n: bigint }[]>(Prisma.sql`
    SELECT count(*) AS n FROM conversations c WHERE ${filter}`);
  return { groups: rows.map(toGroup), total: Number(count?.n ?? 0) };
}

/** A fixed group and its current members (by display name), or null for any other id. */
export async function getFixedGroup(
  db: Database,
  groupId: number,
): Promise<{ group: AdminGroupRecord; members: AdminGroupMemberRecord[] } | null> {
  const [row] = await db.prisma.$queryRaw<GroupRow[]>(Prisma.sql`
    SELECT c.id, c.title, c.owner_id, c.created_at,
      (SELECT count(*) FROM members m WHERE m.conversation_id = c.id AND m.left_at IS NULL) AS member_count
    FROM conversations c WHERE c.id = ${groupId} AND c.kind = 'group_fixed'`);
  if (!row) return null;
  const members = await db.prisma.$queryRaw<
    { user_id: number; login: string; display_name: string; role: MemberRole }[]
  >(Prisma.sql`
    SELECT m.user_id, u.login, u.display_name, m.role::text AS role
    FROM members m JOIN users u ON u.id = m.user_id
    WHERE m.conversation_id = ${groupId} AND m.left_at IS NULL
    ORDER BY u.display_name, u.id`);
  return {
    group: toGroup(row),
    members: members.map((m) => ({
      userId: Number(m.user_id),
      login: m.login,
      displayName: m.display_name,
      role: m.role,
    })),
  };
}

/**
 * Whom a console change to a fixed group is made as. The messaging functions act as a member
 * (the system message names its sender): the admin themself when they are a member, else the
 * group's owner, with admin rights either way. The audit log records the real admin. Null when
 * the group has no current members at all.
 */
export async function groupActorFor(
  db: Database,
  groupId: number,
  adminId: number,
): Promise<Actor | null> {
  const rows = await db.prisma.$queryRaw<{ user_id: number; role: string }[]>(Prisma.sql`
    SELECT user_id, role::text AS role FROM members
    WHERE conversation_id = ${groupId} AND left_at IS NULL
    ORDER BY (user_id = ${adminId}) DESC, (role = 'owner') DESC, created_at, user_id LIMIT 1`);
  const first = rows[0];
  return first ? { userId: Number(first.user_id), isAdmin: true } : null;
}
