import { ProtocolError, pb } from '@parley/proto';

import type { Database } from '../client.js';
import { Prisma } from '../generated/prisma/client.js';
import { lockVisibleMessage, type MessageChange } from './edit-message.js';
import type { Actor } from './group-rules.js';
import { currentMemberIds } from './group-rules.js';
import { requireMember } from './membership.js';
import { MESSAGE_COLUMNS, toStoredMessage, type MessageRow } from './rows.js';
import { inTransaction } from './transaction.js';

/**
 * Recalls a message for everyone: the text and mentions are erased (the row and its seq stay,
 * so there is no gap) and recalled_at is set. The sender may recall within `windowMs`; in a
 * group its owner and admins, and system admins, may recall any message at any time.
 * Recalling a recalled message changes nothing. System messages cannot be recalled.
 *
 * @example
 * await recallMessage(db, { userId, isAdmin: false }, { conversationId, seq: 7, windowMs: 120_000 });
 */
export async function recallMessage(
  db: Database,
  actor: Actor,
  input: { conversationId: number; seq: number; windowMs: number },
): Promise<MessageChange> {
  return inTransaction(db, async (tx) => {
    const me = await requireMember(tx, input.conversationId, actor.userId);
    const original = await lockVisibleMessage(
      tx,
      input.conversationId,
      input.seq,
      Math.max(me.joinedSeq, me.clearedSeq),
    );
    if (original.kind === 'system') {
      throw new ProtocolError(
        pb.ErrorCode.ERROR_CODE_BAD_REQUEST,
        'system messages cannot be recalled',
      );
    }
    const memberIds = await currentMemberIds(tx, input.conversationId);
    if (original.recalledAt) return { message: original, memberIds, changed: false };
    const moderator =
      me.kind !== 'direct' && (actor.isAdmin || me.role === 'owner' || me.role === 'admin');
    if (!moderator) {
      if (original.senderId !== actor.userId) {
        throw new ProtocolError(
          pb.ErrorCode.ERROR_CODE_FORBIDDEN,
          'only the sender can recall this message',
        );
      }
      if (Date.now() - original.createdAt.getTime() > input.windowMs) {
        throw new ProtocolError(pb.ErrorCode.ERROR_CODE_FORBIDDEN, 'the recall window has passed');
      }
    }
    const [row] = await tx.$queryRaw<MessageRow[]>(Prisma.sql`
      UPDATE messages m SET body = '', mentions = '{}', recalled_at = clock_timestamp()
      WHERE m.id = ${original.id} RETURNING ${MESSAGE_COLUMNS}`);
    if (!row)
      throw new ProtocolError(pb.ErrorCode.ERROR_CODE_NOT_FOUND, 'message not found', {
        field: 'seq',
      });
    return { message: toStoredMessage(row), memberIds, changed: true };
  });
}
