import { reactToMessage } from '@parley/db';

import type { RequestHandler } from '../transport/context.js';
import { messageToWire } from '../wire/to-wire.js';
import { requireCount, requireId } from '../wire/validate.js';

/**
 * react: adds or takes back the caller's emoji on a message. When something changed, every
 * member's devices (the caller's others included) get a MessageUpdatePush with the message and
 * all its reactions; a repeat changes nothing and pushes nothing.
 */
export const handleReact: RequestHandler<'react'> = async (ctx, req) => {
  const { db, push } = ctx.services;
  const change = await reactToMessage(db, ctx.user.userId, {
    conversationId: requireId(req.conversationId, 'conversation_id'),
    seq: requireCount(req.seq, 'seq'),
    emoji: req.emoji ?? '',
    remove: req.remove ?? false,
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
