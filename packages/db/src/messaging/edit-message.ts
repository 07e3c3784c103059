import { ProtocolError, pb } from '@parley/proto';

import type { Database } from '../client.js';
import { Prisma } from '../generated/prisma/client.js';
import { currentMemberIds } from './group-rules.js';
import { requireMember } from './membership.js';
import { MESSAGE_COLUMNS, toStoredMessage, type MessageRow } from './rows.js';
import { inTransaction, type Tx } from './transaction.js';
import type { StoredMessage } from './types.js';

export interface MessageChange {
  message: StoredMessage;
  /** Current members: whom to tell. */
  memberIds: number[];
  /** False when nothing changed (recalling a recalled message). */
  changed: boolean;
}

/**
 * Replaces the text of the caller's own text message, within `windowMs` of sending it. The
 * message keeps its seq; edited_at is set and its version moves, so sync reports it.
 * Throws NOT_FOUND (no such message visible to the caller), FORBIDDEN (someone else's message,
 * edit window passed), BAD_REQUEST (empty text, not a text message), CONFLICT (recalled).
 *
 * @example
 * const { message } = await editMessage(db, userId, { conversationId, seq: 7, body: 'fixed typo', windowMs: 86_400_000 });
 */
export async function editMessage(
  db: Database,
  userId: number,
  input: { conversationId: number; seq: number; body: string; windowMs: number },
): Promise<MessageChange> {
  if (input.body.trim() === '') {
    throw new ProtocolError(pb.ErrorCode.ERROR_CODE_BAD_REQUEST, 'text must not be empty', {
      field: 'text',
    });
  }
  return inTransaction(db, async (tx) => {
    const me = await requireMember(tx, input.conversationId, userId);
    const original = await lockVisibleMessage(
      tx,
      input.conversationId,
      input.seq,
      Math.max(me.joinedSeq, me.clearedSeq),
    );
    if (original.senderId !== userId) throw forbidden('only the sender can edit a message');
    if (original.kind !== 'text')
      throw new ProtocolError(
        pb.ErrorCode.ERROR_CODE_BAD_REQUEST,
        'only text messages can be edited',
      );
    if (original.recalledAt)
      throw new ProtocolError(pb.ErrorCode.ERROR_CODE_CONFLICT, 'the message was recalled');
    if (Date.now() - original.createdAt.getTime() > input.windowMs)
      throw forbidden('the edit window has passed');
    const [row] = await tx.$queryRaw<MessageRow[]>(Prisma.sql`
      UPDATE messages m SET body = ${input.body}, edited_at = clock_timestamp()
      WHERE m.id = ${original.id} RETURNING ${MESSAGE_COLUMNS}`);
    if (!row) throw notFound();
    return {
      message: toStoredMessage(row),
      memberIds: await currentMemberIds(tx, input.conversationId),
      changed: true,
    };
  });
}

/** The message at `seq`, locked for update, if the member may see it (seq > floor). */
export async function lockVisibleMessage(
  tx: Tx,
  conversationId: number,
  seq: number,
  floor: number,
): Promise<StoredMessage> {
  const [row] = await tx.$queryRaw<MessageRow[]>(Prisma.sql`
    SELECT ${MESSAGE_COLUMNS} FROM messages m
    WHERE m.conversation_id = ${conversationId} AND m.seq = ${seq} AND m.seq > ${floor}
    FOR UPDATE`);
  if (!row) throw notFound();
  return toStoredMessage(row);
}

function notFound(): ProtocolError {
  return new ProtocolError(pb.ErrorCode.ERROR_CODE_NOT_FOUND, 'message not found', {
    field: 'seq',
  });
}

function forbidden(message: string): ProtocolError {
  return new ProtocolError(pb.ErrorCode.ERROR_CODE_FORBIDDEN, message);
}
