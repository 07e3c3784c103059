import { addMembers, getConversationState } from '@parley/db';

import { actsAsAdmin } from '../session/acts-as-admin.js';
import type { RequestHandler } from '../transport/context.js';
import { conversationStateToWire } from '../wire/to-wire.js';
import { requireId } from '../wire/validate.js';
import { announceGroupChange } from './announce-group-change.js';

/** addMembers: adds users to a group (rules in @parley/db group-rules). */
export const handleAddMembers: RequestHandler<'addMembers'> = async (ctx, req) => {
  const { db, config } = ctx.services;
  const conversationId = requireId(req.conversationId, 'conversation_id');
  const userIds = (req.userIds ?? []).map((id) => requireId(id, 'user_ids'));
  const actor = { userId: ctx.user.userId, isAdmin: await actsAsAdmin(ctx) };
  const change = await addMembers(db, actor, conversationId, userIds);
  ctx.afterReply(() => announceGroupChange(ctx, change));
  const state = await getConversationState(
    db,
    actor.userId,
    conversationId,
    config.syncLatestDefault,
  );
  return { conversationResult: { state: conversationStateToWire(state) } };
};
