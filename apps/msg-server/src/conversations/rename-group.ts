import { getConversationState, renameGroup } from '@parley/db';

import { actsAsAdmin } from '../session/acts-as-admin.js';
import type { RequestHandler } from '../transport/context.js';
import { conversationStateToWire } from '../wire/to-wire.js';
import { requireId } from '../wire/validate.js';
import { announceGroupChange } from './announce-group-change.js';

/** renameGroup: a new title, recorded as a system message every member receives. */
export const handleRenameGroup: RequestHandler<'renameGroup'> = async (ctx, req) => {
  const { db, config } = ctx.services;
  const conversationId = requireId(req.conversationId, 'conversation_id');
  const actor = { userId: ctx.user.userId, isAdmin: await actsAsAdmin(ctx) };
  const change = await renameGroup(db, actor, conversationId, req.title ?? '');
  ctx.afterReply(() => announceGroupChange(ctx, change));
  const state = await getConversationState(
    db,
    actor.userId,
    conversationId,
    config.syncLatestDefault,
  );
  return { conversationResult: { state: conversationStateToWire(state) } };
};
