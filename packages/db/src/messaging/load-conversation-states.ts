import type { SqlTransaction } from '../client.js';
import { Prisma } from '../generated/prisma/client.js';
import { loadAttachmentsWith } from './load-attachments.js';
import { num, toStoredMessage, type MessageRow } from './rows.js';
import { sqlRunner, type RunSql } from './run-sql.js';

export { sqlRunner, type RunSql } from './run-sql.js';
import type { Queryable } from './transaction.js';
import type {
  ConversationKind,
  ConversationMember,
  ConversationState,
  MemberRole,
  StoredMessage,
} from './types.js';

/** One conversation joined with the viewing user's own member row (as any driver returns it). */
export interface OwnConversationRow {
  id: number;
  kind: string;
  title: string;
  owner_id: number | null;
  last_seq: bigint | number | string;
  created_at: Date | string;
  role: string;
  read_seq: bigint | number | string;
  joined_seq: bigint | number | string;
  cleared_seq: bigint | number | string;
  muted: boolean;
  pinned: boolean;
  left_at: Date | string | null;
}

/** Select list producing OwnConversationRow from `conversations c JOIN members mb`. */
export const OWN_CONVERSATION_COLUMNS = Prisma.sql`c.id, c.kind::text AS kind, c.title, c.owner_id,
  c.last_seq, c.created_at, mb.role::text AS role, mb.read_seq, mb.joined_seq, mb.cleared_seq,
  mb.muted, mb.pinned, mb.left_at`;

/** Runs a statement expected to return many rows; `order` repeats its ORDER BY on its columns. */
export type RunManySql = <R>(sql: string, params: unknown[], order: string) => Promise<R[]>;

/**
 * A RunManySql: plain rows, or (`json`) the rows as one JSON array built by the database and
 * parsed with JSON.parse. PGlite decodes every row field by field in JavaScript, several times
 * slower than pg; for thousands of rows one JSON text is 3-4x faster there (on PostgreSQL plain
 * rows are faster). JSON turns int8 into numbers and timestamps into ISO strings, which every
 * row reader here accepts (num(), Date or string).
 */
export function manyRunner(run: RunSql, json: boolean): RunManySql {
  if (!json) return <R>(sql: string, params: unknown[]) => run<R>(sql, params);
  return async <R>(sql: string, params: unknown[], order: string): Promise<R[]> => {
    const [row] = await run<{ rows: string | null }>(
      `SELECT json_agg(q ORDER BY ${order})::text AS rows FROM (${sql}) q`,
      params,
    );
    return row?.rows ? (JSON.parse(row.rows) as R[]) : [];
  };
}

const UINT32_MAX = 4_294_967_295;

/** At most this many edited or recalled older messages per conversation in one sync. */
const MAX_CHANGED = 200;

/**
 * Columns of `messages` as `m` for the bulk reads: MessageRow's, except that the times come as
 * epoch milliseconds (float8, exact for timestamptz(3)), which every driver returns as a number:
 * parsing thousands of timestamp strings was a tenth of a catch-up sync's CPU.
 */
const MESSAGE_SELECT = `m.id, m.conversation_id, m.seq, m.sender_id,
  m.client_msg_id::text AS client_msg_id, m.kind::text AS kind, m.body, m.reply_to_id, m.mentions,
  (extract(epoch FROM m.created_at) * 1000)::float8 AS created_ms,
  (extract(epoch FROM m.edited_at) * 1000)::float8 AS edited_ms,
  (extract(epoch FROM m.recalled_at) * 1000)::float8 AS recalled_ms`;

/** A row of MESSAGE_SELECT. */
interface BulkMessageRow extends Omit<MessageRow, 'created_at' | 'edited_at' | 'recalled_at'> {
  created_ms: number | string;
  edited_ms: number | string | null;
  recalled_ms: number | string | null;
}

/**
 * toStoredMessage for a BulkMessageRow (system messages go through toStoredMessage itself).
 * Not toStoredMessage on a copy with Dates for every row: measured, that made the catch-up sync
 * of 10,000 messages about 80 ms slower (bench catch-up, database part 108 -> 190 ms).
 */
function storedFromRow(row: BulkMessageRow): StoredMessage {
  const createdAt = new Date(num(row.created_ms));
  const editedAt = row.edited_ms === null ? null : new Date(num(row.edited_ms));
  const recalledAt = row.recalled_ms === null ? null : new Date(num(row.recalled_ms));
  if (row.kind === 'system') {
    return toStoredMessage({
      ...row,
      created_at: createdAt,
      edited_at: editedAt,
      recalled_at: recalledAt,
    });
  }
  return {
    id: num(row.id),
    conversationId: num(row.conversation_id),
    seq: num(row.seq),
    senderId: num(row.sender_id),
    clientMsgId: row.client_msg_id,
    kind: row.kind as StoredMessage['kind'],
    body: row.body,
    replyToId: row.reply_to_id === null ? null : num(row.reply_to_id),
    mentions: row.mentions === null || row.mentions.length === 0 ? [] : row.mentions.map(num),
    createdAt,
    editedAt,
    recalledAt,
    system: null,
    attachments: [],
    reactions: [],
  };
}

/**
 * Builds the user's view of each conversation: members, read state, unread and mention counts
 * and the newest `latest` visible messages, plus (when `changedSince` > 0) older messages edited
 * or recalled since that cursor. A handful of set-based queries whatever the number of
 * conversations, so a sync of a thousand conversations is still a few round trips. Call it
 * inside the caller's transaction so every figure comes from the same snapshot: a Prisma
 * transaction, or (faster for thousands of rows) a raw SqlTransaction. `json` reads the bulky
 * queries as JSON (see manyRunner: for PGlite).
 */
export async function loadConversationStates(
  q: Queryable | SqlTransaction,
  userId: number,
  own: OwnConversationRow[],
  latest: number,
  changedSince = 0,
  json = false,
): Promise<ConversationState[]> {
  if (own.length === 0) return [];
  const run = sqlRunner(q);
  const many = manyRunner(run, json);
  const ids = own.map((r) => num(r.id));
  const active = own.filter((r) => r.left_at === null);
  const activeIds = active.map((r) => num(r.id));
  const floorOf = (r: OwnConversationRow) => Math.max(num(r.joined_seq), num(r.cleared_seq));
  const readFloorOf = (r: OwnConversationRow) => Math.max(floorOf(r), num(r.read_seq));

  const members = await many<{
    conversation_id: number;
    user_id: number;
    role: string;
    read_seq: bigint | number | string;
    joined_seq: bigint | number | string;
  }>(
    `SELECT conversation_id, user_id, role::text AS role, read_seq, joined_seq
    FROM members WHERE conversation_id = ANY($1::int[]) AND left_at IS NULL
    ORDER BY conversation_id, user_id`,
    [ids],
    'q.conversation_id, q.user_id',
  );

  const withUnread = active.filter((r) => num(r.last_seq) > readFloorOf(r));
  const mentionRows =
    withUnread.length === 0
      ? []
      : await run<{ conversation_id: number; n: bigint | number | string }>(
          `SELECT x.cid AS conversation_id, count(*) AS n
          FROM unnest($1::int[], $2::bigint[]) AS x(cid, floor)
          JOIN messages m ON m.conversation_id = x.cid AND m.seq > x.floor
          WHERE $3::int = ANY(m.mentions) AND m.sender_id <> $3 AND m.recalled_at IS NULL
          GROUP BY x.cid`,
          [withUnread.map((r) => num(r.id)), withUnread.map(readFloorOf), userId],
        );

  // Most people never hide a message: then the newest-N scan needs no anti-join, which is
  // about half of its cost for a thousand conversations.
  const notHidden =
    latest > 0 && active.length > 0 && (await hasHiddenMessages(run, userId))
      ? 'AND NOT EXISTS (SELECT 1 FROM hidden_messages h WHERE h.user_id = $4 AND h.message_id = mm.id)'
      : '';
  const messageRows =
    latest <= 0 || active.length === 0
      ? []
      : await many<BulkMessageRow>(
          `SELECT ${MESSAGE_SELECT}
          FROM unnest($1::int[], $2::bigint[]) AS x(cid, floor)
          CROSS JOIN LATERAL (
            SELECT mm.* FROM messages mm
            WHERE mm.conversation_id = x.cid AND mm.seq > x.floor ${notHidden}
            ORDER BY mm.seq DESC LIMIT $3
          ) m
          ORDER BY m.conversation_id, m.seq`,
          [activeIds, active.map(floorOf), latest, ...(notHidden ? [userId] : [])],
          'q.conversation_id, q.seq',
        );

  const membersBy = groupBy(members, (m) => num(m.conversation_id));
  const mentionsBy = new Map(mentionRows.map((r) => [num(r.conversation_id), num(r.n)]));
  const latestMessages = messageRows.map(storedFromRow);
  const messagesBy = groupBy(latestMessages, (m) => m.conversationId);

  // Edited or recalled messages older than the `latest` window (those in it are fresh anyway).
  const below = (r: OwnConversationRow) =>
    (messagesBy.get(num(r.id))?.[0]?.seq ?? 0) || num(r.last_seq) + 1;
  const changedRows =
    changedSince <= 0 || active.length === 0
      ? []
      : await run<BulkMessageRow>(
          `SELECT ${MESSAGE_SELECT}
          FROM unnest($1::int[], $2::bigint[], $3::bigint[]) AS x(cid, floor, below)
          CROSS JOIN LATERAL (
            SELECT mm.* FROM messages mm
            WHERE mm.conversation_id = x.cid AND mm.version >= $4
              AND mm.seq > x.floor AND mm.seq < x.below
              AND (mm.edited_at IS NOT NULL OR mm.recalled_at IS NOT NULL OR mm.reactions_at IS NOT NULL)
              AND NOT EXISTS (SELECT 1 FROM hidden_messages h WHERE h.user_id = $5 AND h.message_id = mm.id)
            ORDER BY mm.seq DESC LIMIT ${MAX_CHANGED}
          ) m
          ORDER BY m.conversation_id, m.seq`,
          [activeIds, active.map(floorOf), active.map(below), changedSince, userId],
        );
  const changedMessages = changedRows.map(storedFromRow);
  const changedBy = groupBy(changedMessages, (m) => m.conversationId);
  const hiddenRows =
    changedSince <= 0 || active.length === 0
      ? []
      : await run<{ conversation_id: number; message_id: bigint | number | string }>(
          `SELECT m.conversation_id, h.message_id FROM hidden_messages h
          JOIN messages m ON m.id = h.message_id
          WHERE h.user_id = $1 AND h.version >= $2
            AND m.conversation_id = ANY($3::int[])
          ORDER BY m.conversation_id, h.message_id DESC`,
          [userId, changedSince, activeIds],
        );
  const hiddenBy = groupBy(hiddenRows, (h) => num(h.conversation_id));
  // The changed ones are older than the latest window, so the two lists never share a message.
  await loadAttachmentsWith(run, [...latestMessages, ...changedMessages]);

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
        createdAt: r.created_at instanceof Date ? r.created_at : new Date(r.created_at),
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
      latest: left ? [] : (messagesBy.get(id) ?? []),
      changed: left ? [] : (changedBy.get(id) ?? []),
      hidden: left
        ? []
        : (hiddenBy.get(id) ?? []).slice(0, MAX_CHANGED).map((h) => num(h.message_id)),
      left,
      muted: r.muted,
      pinned: r.pinned,
    };
  });
}

/** Whether the user has hidden ("deleted for me") any message at all. */
async function hasHiddenMessages(run: RunSql, userId: number): Promise<boolean> {
  const [row] = await run<{ hidden: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM hidden_messages WHERE user_id = $1) AS hidden',
    [userId],
  );
  return row?.hidden === true;
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
