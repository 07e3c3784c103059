import { listMemberIds } from '@parley/db';

import type { RequestHandler } from '../transport/context.js';
import { requireId } from '../wire/validate.js';

/**
 * typing: ephemeral, fire-and-forget. The other members' devices get a TypingPush; nothing is
 * stored and nothing is answered on success (an error frame still answers a bad request).
 */
export const handleTyping: RequestHandler<'typing'> = async (ctx, req) => {
  const conversationId = requireId(req.conversationId, 'conversation_id');
  const userId = ctx.user.userId;
  const memberIds = await listMemberIds(ctx.services.db, conversationId, userId);
  ctx.services.push.toUsers(
    memberIds.filter((id) => id !== userId),
    { typingPush: { conversationId, userId } },
  );
  return null;
};
