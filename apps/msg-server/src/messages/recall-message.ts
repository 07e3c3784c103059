import { recallMessage } from '@parley/db';

import { actsAsAdmin } from '../session/acts-as-admin.js';
import type { RequestHandler } from '../transport/context.js';
import { messageToWire } from '../wire/to-wire.js';
import { requireCount, requireId } from '../wire/validate.js';

/** recallMessage: erases a message for everyone; members' devices get a MessageUpdatePush. */
export const handleRecallMessage: RequestHandler<'recallMessage'> = async (ctx, req) => {
  const { db, push, config } = ctx.services;
  const conversationId = requireId(req.conversationId, 'conversation_id');
  const seq = requireCount(req.seq, 'seq');
  const actor = { userId: ctx.user.userId, isAdmin: await actsAsAdmin(ctx) };
  const change = await recallMessage(db, actor, {
    conversationId,
    seq,
    windowMs: config.recallWindowMs,
  });
  const message = messageToWire(change.message);
  if (change.changed) {
    ctx.afterReply(() =>
      push.toUsers(
        change.memberIds,
        { messageUpdate: { message } },
        { exceptSocketId: ctx.socketId },
      ),
    );
  }
  return { messageUpdateResult: { message } };
};
