import { Prisma } from '../generated/prisma/client.js';
import { MESSAGE_COLUMNS, toStoredMessage, type MessageRow } from './rows.js';
import type { Tx } from './transaction.js';
import type { StoredMessage, SystemEvent } from './types.js';

/**
 * Appends a system message (group made, members added or removed, renamed) inside the caller's
 * transaction, taking the next seq like any message, so every member sees the change in the
 * timeline at the point it happened. The actor's read_seq moves past it, as for a send.
 */
export async function appendSystemMessage(
  tx: Tx,
  conversationId: number,
  actorId: number,
  event: SystemEvent,
): Promise<StoredMessage> {
  const body = JSON.stringify({ kind: event.kind, userIds: event.userIds, title: event.title });
  const [row] = await tx.$queryRaw<MessageRow[]>(Prisma.sql`
    WITH c AS (
      UPDATE conversations SET last_seq = last_seq + 1 WHERE id = ${conversationId} RETURNING id, last_seq
    ), m AS (
      INSERT INTO messages (conversation_id, seq, sender_id, client_msg_id, kind, body, created_at)
      SELECT c.id, c.last_seq, ${actorId}, gen_random_uuid(), 'system', ${body}, clock_timestamp() FROM c
      RETURNING *
    ), rd AS (
      UPDATE members SET read_seq = GREATEST(read_seq, (SELECT last_seq FROM c))
      WHERE conversation_id = ${conversationId} AND user_id = ${actorId} AND left_at IS NULL
    )
    SELECT ${MESSAGE_COLUMNS} FROM m`);
  if (!row)
    throw new Error(`conversation ${conversationId} vanished while appending a system message`);
  return toStoredMessage(row);
}
