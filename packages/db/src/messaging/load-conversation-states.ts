import { Prisma } from '../generated/prisma/client.js';
import { loadAttachments } from './load-attachments.js';
import { MESSAGE_COLUMNS, num, toStoredMessage, type MessageRow } from './rows.js';
import type { Queryable } from './transaction.js';
import type {
  ConversationKind,
  ConversationMember,
  ConversationState,
  MemberRole,
} from './types.js';

/** One conversation joined with the viewing user's own member row. */
export interface OwnConversationRow {
  id: number;
  kind: string;
  title: string;
  owner_id: number | null;
  last_seq: bigint;
  created_at: Date;
  role: string;
  read_seq: bigint;
  joined_seq: bigint;
  cleared_seq: bigint;
  muted: boolean;
  pinned: boolean;
  left_at: Date | null;
}

/** Select list producing OwnConversationRow from `conversations c JOIN members mb`. */
export const OWN_CONVERSATION_COLUMNS = Prisma.sql`c.id, c.kind::text AS kind, c.title, c.owner_id,
  c.last_seq, c.created_at, mb.role::text AS role, mb.read_seq, mb.joined_seq, mb.cleared_seq,
  mb.muted, mb.pinned, mb.left_at`;

const UINT32_MAX = 4_294_967_295;

/** At most this many edited or recalled older messages per conversation in one sync. */
const MAX_CHANGED = 200;

/**
 * Builds the user's view of each conversation: members, read state, unread and mention counts
 * and the newest `latest` visible messages, plus (when `changedSince` > 0) older messages edited
 * or recalled since that cursor. A handful of set-based queries whatever the number of
 * conversations, so a sync of a thousand conversations is still five round trips. Call it
 * inside the caller's transaction so every figure comes from the same snapshot.
 */
export async function loadConversationStates(
  q: Queryable,
  userId: number,
  own: OwnConversationRow[],
  latest: number,
  changedSince = 0,
): Promise<ConversationState[]> {
  if (own.length === 0) return [];
  const ids = own.map((r) => num(r.id));
  const active = own.filter((r) => r.left_at === null);
  const floorOf = (r: OwnConversationRow) => Math.max(num(r.joined_seq), num(r.cleared_seq));
  const readFloorOf = (r: OwnConversationRow) => Math.max(floorOf(r), num(r.read_seq));

  const members = await q.$queryRaw<
    {
      conversation_id: number;
      user_id: number;
      role: string;
      read_seq: bigint;
      joined_seq: bigint;
    }[]
  >(Prisma.sql`SELECT conversation_id, user_id, role::text AS role, read_seq, joined_seq
    FROM members WHERE conversation_id = ANY(${ids}::int[]) AND left_at IS NULL
    ORDER BY conversation_id, user_id`);

  const withUnread = active.filter((r) => num(r.last_seq) > readFloorOf(r));
  const mentionRows =
    withUnread.length === 0
      ? []
      : await q.$queryRaw<{ conversation_id: number; n: bigint }[]>(Prisma.sql`
          SELECT x.cid AS conversation_id, count(*) AS n
          FROM unnest(${withUnread.map((r) => num(r.id))}::int[], ${withUnread.map(readFloorOf)}::bigint[]) AS x(cid, floor)
          JOIN messages m ON m.conversation_id = x.cid AND m.seq > x.floor
          WHERE ${userId}::int = ANY(m.mentions) AND m.sender_id <> ${userId} AND m.recalled_at IS NULL
          GROUP BY x.cid`);

  const messageRows =
    latest <= 0 || active.length === 0
      ? []
      : await q.$queryRaw<MessageRow[]>(Prisma.sql`
          SELECT ${MESSAGE_COLUMNS}
          FROM unnest(${active.map((r) => num(r.id))}::int[], ${active.map(floorOf)}::bigint[]) AS x(cid, floor)
          CROSS JOIN LATERAL (
            SELECT mm.* FROM messages mm
            WHERE mm.conversation_id = x.cid AND mm.seq > x.floor
              AND NOT EXISTS (SELECT 1 FROM hidden_messages h WHERE h.user_id = ${userId} AND h.message_id = mm.id)
            ORDER BY mm.seq DESC LIMIT ${latest}
          ) m
          ORDER BY m.conversation_id, m.seq`);

  const membersBy = groupBy(members, (m) => num(m.conversation_id));
  const mentionsBy = new Map(mentionRows.map((r) => [num(r.conversation_id), num(r.n)]));
  const messagesBy = groupBy(messageRows, (m) => num(m.conversation_id));

  // Edited or recalled messages older than the `latest` window (those in it are fresh anyway).
  const below = (r: OwnConversationRow) =>
    num(messagesBy.get(num(r.id))?.[0]?.seq) || num(r.last_seq) + 1;
  const changedRows =
    changedSince <= 0 || active.length === 0
      ? []
      : await q.$queryRaw<MessageRow[]>(Prisma.sql`
          SELECT ${MESSAGE_COLUMNS}
          FROM unnest(${active.map((r) => num(r.id))}::int[], ${active.map(floorOf)}::bigint[],
                      ${active.map(below)}::bigint[]) AS x(cid, floor, below)
          CROSS JOIN LATERAL (
            SELECT mm.* FROM messages mm
            WHERE mm.conversation_id = x.cid AND mm.version >= ${changedSince}
              AND mm.seq > x.floor AND mm.seq < x.below
              AND (mm.edited_at IS NOT NULL OR mm.recalled_at IS NOT NULL OR mm.reactions_at IS NOT NULL)
              AND NOT EXISTS (SELECT 1 FROM hidden_messages h WHERE h.user_id = ${userId} AND h.message_id = mm.id)
            ORDER BY mm.seq DESC LIMIT ${MAX_CHANGED}
          ) m
          ORDER BY m.conversation_id, m.seq`);
  const changedBy = groupBy(changedRows, (m) => num(m.conversation_id));
  const hiddenRows =
    changedSince <= 0 || active.length === 0
      ? []
      : await q.$queryRaw<{ conversation_id: number; message_id: bigint }[]>(Prisma.sql`
          SELECT m.conversation_id, h.message_id FROM hidden_messages h
          JOIN messages m ON m.id = h.message_id
          WHERE h.user_id = ${userId} AND h.version >= ${changedSince}
            AND m.conversation_id = ANY(${active.map((r) => num(r.id))}::int[])
          ORDER BY m.conversation_id, h.message_id DESC`);
  const hiddenBy = groupBy(hiddenRows, (h) => num(h.conversation_id));
  const messages = new Map(
    (await loadAttachments(q, [...messageRows, ...changedRows].map(toStoredMessage))).map((m) => [
      m.id,
      m,
    ]),
  );
  const stored = (rows: MessageRow[] | undefined) =>
    (rows ?? []).map((r) => messages.get(num(r.id)) ?? toStoredMessage(r));

  return own.map((r): ConversationState => {
    const id = num(r.id);
    const left = r.left_at !== null;
    const lastSeq = num(r.last_seq);
    return {
      conversation: {
        id,
        kind: r.kind as ConversationKind,
        title: r.title,
        ownerId: r.owner_id === null ? null : num(r.owner_id),
        lastSeq,
        createdAt: r.created_at,
        members: (membersBy.get(id) ?? []).map(
          (m): ConversationMember => ({
            userId: num(m.user_id),
            role: m.role as MemberRole,
            readSeq: num(m.read_seq),
            joinedSeq: num(m.joined_seq),
          }),
        ),
      },
      readSeq: num(r.read_seq),
      unread: left ? 0 : Math.min(UINT32_MAX, Math.max(0, lastSeq - readFloorOf(r))),
      mentions: left ? 0 : (mentionsBy.get(id) ?? 0),
      latest: left ? [] : stored(messagesBy.get(id)),
      changed: left ? [] : stored(changedBy.get(id)),
      hidden: left
        ? []
        : (hiddenBy.get(id) ?? []).slice(0, MAX_CHANGED).map((h) => num(h.message_id)),
      left,
      muted: r.muted,
      pinned: r.pinned,
    };
  });
}

function groupBy<T>(items: T[], key: (item: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
