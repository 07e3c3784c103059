import { getHistory, MAX_HISTORY_LIMIT } from '@parley/db';

import type { RequestHandler } from '../transport/context.js';
import { messageToWire } from '../wire/to-wire.js';
import { requireCount, requireId } from '../wire/validate.js';

/** history: one page of a conversation by seq (before_seq pages back, else after after_seq). */
export const handleHistory: RequestHandler<'history'> = async (ctx, req) => {
  const conversationId = requireId(req.conversationId, 'conversation_id');
  const beforeSeq = requireCount(req.beforeSeq, 'before_seq');
  const afterSeq = requireCount(req.afterSeq, 'after_seq');
  const limit = Math.min(MAX_HISTORY_LIMIT, req.limit || ctx.services.config.historyLimitDefault);
  const page = await getHistory(ctx.services.db, ctx.user.userId, {
    conversationId,
    beforeSeq,
    afterSeq,
    limit,
  });
  return { historyResult: { messages: page.messages.map(messageToWire), hasMore: page.hasMore } };
};
