import { getConversationState, removeMember } from '@parley/db';

import { actsAsAdmin } from '../session/acts-as-admin.js';
import type { RequestHandler } from '../transport/context.js';
import { conversationStateToWire } from '../wire/to-wire.js';
import { requireId } from '../wire/validate.js';
import { announceGroupChange } from './announce-group-change.js';

/** removeMember: removes a member, or leaves when user_id is the caller (then `left` is set). */
export const handleRemoveMember: RequestHandler<'removeMember'> = async (ctx, req) => {
  const { db, config } = ctx.services;
  const conversationId = requireId(req.conversationId, 'conversation_id');
  const userId = requireId(req.userId, 'user_id');
  const actor = { userId: ctx.user.userId, isAdmin: await actsAsAdmin(ctx) };
  const change = await removeMember(db, actor, conversationId, userId);
  ctx.afterReply(() => announceGroupChange(ctx, change));
  const state = await getConversationState(
    db,
    actor.userId,
    conversationId,
    config.syncLatestDefault,
  );
  return { conversationResult: { state: conversationStateToWire(state) } };
};
