import { listMemberIds, markRead } from '@parley/db';

import type { RequestHandler } from '../transport/context.js';
import { requireCount, requireId } from '../wire/validate.js';

/**
 * markRead: move the caller's read_seq forward. When it moved, every member's devices are told
 * (the reader's other devices clear their badge; the others show "read"), except the
 * requesting connection, which has the response.
 */
export const handleMarkRead: RequestHandler<'markRead'> = async (ctx, req) => {
  const { db, push } = ctx.services;
  const conversationId = requireId(req.conversationId, 'conversation_id');
  const seq = requireCount(req.seq, 'seq');
  const userId = ctx.user.userId;
  const result = await markRead(db, userId, conversationId, seq);
  if (result.changed) {
    ctx.afterReply(async () => {
      const memberIds = await listMemberIds(db, conversationId, userId);
      push.toUsers(
        memberIds,
        { read: { conversationId, userId, readSeq: result.readSeq } },
        {
          exceptSocketId: ctx.socketId,
        },
      );
    });
  }
  return { markReadResult: { readSeq: result.readSeq } };
};
