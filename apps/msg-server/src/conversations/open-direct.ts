import { getConversationState, openDirect } from '@parley/db';

import type { RequestHandler } from '../transport/context.js';
import { conversationStateToWire } from '../wire/to-wire.js';
import { requireId } from '../wire/validate.js';

/**
 * openDirect: the caller's direct conversation with a user, made on first use. A new
 * conversation is pushed to the peer's devices and the caller's other devices, each with their
 * own view of it.
 */
export const handleOpenDirect: RequestHandler<'openDirect'> = async (ctx, req) => {
  const { db, push, config } = ctx.services;
  const peerId = requireId(req.userId, 'user_id');
  const userId = ctx.user.userId;
  const { state, created } = await openDirect(db, userId, peerId, config.syncLatestDefault);
  if (created) {
    ctx.afterReply(async () => {
      push.toUsers(
        [userId],
        { conversationPush: { state: conversationStateToWire(state) } },
        {
          exceptSocketId: ctx.socketId,
        },
      );
      if (peerId !== userId) {
        const peerState = await getConversationState(
          db,
          peerId,
          state.conversation.id,
          config.syncLatestDefault,
        );
        push.toUsers([peerId], { conversationPush: { state: conversationStateToWire(peerState) } });
      }
    });
  }
  return { conversationResult: { state: conversationStateToWire(state) } };
};
