import type { Database } from '../client.js';
import {
  loadConversationStates,
  manyRunner,
  OWN_CONVERSATION_COLUMNS,
  sqlRunner,
  type OwnConversationRow,
} from './load-conversation-states.js';
import { num } from './rows.js';
import type { SyncResult } from './types.js';

export interface SyncOptions {
  /** The cursor from the previous sync; 0 on first sign-in. */
  cursor: number;
  /** Newest messages to include per changed conversation (clamped to 0..500). */
  latest: number;
}

/** Upper bound on `latest`, so one request cannot ask for a conversation's whole history. */
export const MAX_SYNC_LATEST = 500;

/**
 * Everything that changed for `userId` since `cursor`, in one response: each conversation whose
 * row, any of whose member rows or any of whose messages was written since (new messages bump
 * the conversation's last_seq; edits and recalls bump the message), with members, read state,
 * unread and mention counts, the newest messages and older ones edited or recalled since, plus
 * the next cursor.
 *
 * The cursor is the xmin of the transaction's snapshot and every row's `version` is the id of
 * the transaction that wrote it, so "version >= cursor" catches every transaction that had not
 * committed when this snapshot was taken: a late commit is never missed, at the price of an
 * occasional conversation sent twice (clients merge by seq). Everything is read in one
 * REPEATABLE READ snapshot, so counts, members and messages agree with each other and with the
 * cursor. With cursor 0 conversations the user has left are omitted; later they are listed with
 * `left` so clients can drop them.
 *
 * @example
 * const first = await syncConversations(db, userId, { cursor: 0, latest: 20 });
 * const next = await syncConversations(db, userId, { cursor: first.cursor, latest: 20 });
 */
export async function syncConversations(
  db: Database,
  userId: number,
  options: SyncOptions,
): Promise<SyncResult> {
  const cursor = Math.max(0, Math.trunc(options.cursor));
  const latest = Math.min(MAX_SYNC_LATEST, Math.max(0, Math.trunc(options.latest)));
  if (cursor > 0) {
    const nothing = await unchangedSyncCursor(db, userId, cursor);
    if (nothing !== null) return { conversations: [], cursor: nothing };
  }
  return db.sqlTransaction(async (tx) => {
    // Must come before the first query: it fixes the snapshot that every later statement reads.
    await tx.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    const [snap] = await tx.query<{ cursor: string }>(
      'SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS cursor',
    );
    // PGlite decodes rows slowly in JavaScript: there the bulky reads come back as JSON.
    const json = db.kind === 'pglite';
    const own = await manyRunner(sqlRunner(tx), json)<OwnConversationRow>(
      `SELECT ${OWN_CONVERSATION_COLUMNS.text}
      FROM members mb JOIN conversations c ON c.id = mb.conversation_id
      WHERE mb.user_id = $1 AND ${cursor === 0 ? 'mb.left_at IS NULL' : CHANGED_SINCE_2}
      ORDER BY c.id`,
      cursor === 0 ? [userId] : [userId, cursor],
      'q.id',
    );
    const conversations = await loadConversationStates(tx, userId, own, latest, cursor, json);
    return { conversations, cursor: num(snap?.cursor) };
  });
}

/**
 * "Something about conversation c or the user's membership of it (alias mb) was written since
 * the cursor ($2)": the conversation row (new messages bump its last_seq), any member row
 * (joins, leaves, reads, mute, pin, hides), or any message (edits, recalls, reactions).
 */
const CHANGED_SINCE_2 = `(mb.version >= $2 OR c.version >= $2
  OR EXISTS (SELECT 1 FROM members o WHERE o.conversation_id = c.id AND o.version >= $2)
  OR EXISTS (SELECT 1 FROM messages e WHERE e.conversation_id = c.id AND e.version >= $2))`;

/**
 * The no-change fast path of syncConversations (a reconnect storm is thousands of these): one
 * statement, outside any
 * transaction, that reads a snapshot's xmin and whether any of the user's conversations changed
 * since `cursor`, both in that statement's one snapshot. Returns the next cursor when nothing
 * changed, null otherwise (the caller then runs the full sync).
 *
 * Why this never skips a change: a statement reads one snapshot, and pg_current_snapshot() is
 * that snapshot. Every transaction with an id below its xmin had ended when it was taken, so
 * whatever such a transaction committed is visible to the EXISTS below. The EXISTS finds no row
 * with version >= cursor, so every transaction with an id in [cursor, xmin) wrote nothing the
 * user syncs, and one with an id >= xmin (still running, or started later) is caught by the next
 * sync's "version >= xmin": exactly the guarantee of the full sync's cursor. (The cursor may
 * equal or even precede the one the client sent, e.g. while another database on the same
 * PostgreSQL holds xmin back: never later than a change it has not returned.)
 */
export async function unchangedSyncCursor(
  db: Database,
  userId: number,
  cursor: number,
): Promise<number | null> {
  const [row] = await db.query<{ cursor: string; changed: boolean }>(
    `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS cursor,
      EXISTS (SELECT 1 FROM members mb JOIN conversations c ON c.id = mb.conversation_id
              WHERE mb.user_id = $1 AND ${CHANGED_SINCE_2}) AS changed`,
    [userId, cursor],
  );
  if (!row || row.changed) return null;
  return num(row.cursor);
}
