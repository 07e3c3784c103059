import { MAX_SYNC_LATEST, syncConversations } from '@parley/db';

import type { RequestHandler } from '../transport/context.js';
import { conversationStatesToWire } from '../wire/to-wire.js';
import { requireCount } from '../wire/validate.js';

/**
 * sync: every conversation changed since the client's cursor, in one response, with the next
 * cursor. Serves first sign-in (cursor 0), reconnect and gap repair alike. A sync from a current
 * cursor costs one query (syncConversations' no-change path).
 */
export const handleSync: RequestHandler<'sync'> = async (ctx, req) => {
  const cursor = requireCount(req.cursor, 'cursor');
  const latest = Math.min(
    MAX_SYNC_LATEST,
    req.latestPerConversation || ctx.services.config.syncLatestDefault,
  );
  const result = await syncConversations(ctx.services.db, ctx.user.userId, { cursor, latest });
  return {
    syncResult: {
      conversations: conversationStatesToWire(result.conversations),
      cursor: result.cursor,
    },
  };
};
