import type { Database } from '../client.js';
import { Prisma } from '../generated/prisma/client.js';
import {
  loadConversationStates,
  OWN_CONVERSATION_COLUMNS,
  type OwnConversationRow,
} from './load-conversation-states.js';
import { num } from './rows.js';
import { inTransaction } from './transaction.js';
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
  return inTransaction(
    db,
    async (tx) => {
      // First statement: it fixes the snapshot that every later statement reads.
      const [snap] = await tx.$queryRaw<{ cursor: bigint }[]>(
        Prisma.sql`SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS cursor`,
      );
      const changed =
        cursor === 0
          ? Prisma.sql`mb.left_at IS NULL`
          : Prisma.sql`(mb.version >= ${cursor} OR c.version >= ${cursor}
              OR EXISTS (SELECT 1 FROM members o WHERE o.conversation_id = c.id AND o.version >= ${cursor})
              OR EXISTS (SELECT 1 FROM messages e WHERE e.conversation_id = c.id AND e.version >= ${cursor}))`;
      const own = await tx.$queryRaw<OwnConversationRow[]>(Prisma.sql`
        SELECT ${OWN_CONVERSATION_COLUMNS}
        FROM members mb JOIN conversations c ON c.id = mb.conversation_id
        WHERE mb.user_id = ${userId} AND ${changed}
        ORDER BY c.id`);
      const conversations = await loadConversationStates(tx, userId, own, latest, cursor);
      return { conversations, cursor: num(snap?.cursor) };
    },
    { isolationLevel: 'RepeatableRead' },
  );
}
