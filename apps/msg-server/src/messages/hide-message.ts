import { hideMessage } from '@parley/db';

import type { RequestHandler } from '../transport/context.js';
import { requireCount, requireId } from '../wire/validate.js';

/**
 * hideMessage ("delete for me"): hides a message from the caller only. The caller's other
 * devices get the same MessageHidden as a push; devices offline now learn it from sync
 * (`hidden` of the conversation state).
 */
export const handleHideMessage: RequestHandler<'hideMessage'> = async (ctx, req) => {
  const { db, push } = ctx.services;
  const conversationId = requireId(req.conversationId, 'conversation_id');
  const { messageId, changed } = await hideMessage(db, ctx.user.userId, {
    conversationId,
    seq: requireCount(req.seq, 'seq'),
  });
  const messageHidden = { conversationId, messageId };
  if (changed) {
    ctx.afterReply(() =>
      push.toUsers([ctx.user.userId], { messageHidden }, { exceptSocketId: ctx.socketId }),
    );
  }
  return { messageHidden };
};
