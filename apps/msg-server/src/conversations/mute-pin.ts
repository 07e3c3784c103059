import { setMemberFlags } from '@parley/db';

import type { RequestHandler } from '../transport/context.js';
import { requireId } from '../wire/validate.js';

/**
 * muteConversation / pinConversation: the caller's own settings of one conversation. Both are
 * answered with ConversationFlags; when something changed, the caller's other devices get the
 * same ConversationFlags as a push, and devices offline now find the flags in their next sync
 * (ConversationState.muted / pinned). Nobody else is told.
 */
export const handleMuteConversation: RequestHandler<'muteConversation'> = (ctx, req) =>
  setFlags(ctx, requireId(req.conversationId, 'conversation_id'), { muted: req.muted ?? false });

/** See handleMuteConversation. */
export const handlePinConversation: RequestHandler<'pinConversation'> = (ctx, req) =>
  setFlags(ctx, requireId(req.conversationId, 'conversation_id'), { pinned: req.pinned ?? false });

async function setFlags(
  ctx: Parameters<RequestHandler<'muteConversation'>>[0],
  conversationId: number,
  change: { muted?: boolean; pinned?: boolean },
) {
  const { db, push } = ctx.services;
  const { flags, changed } = await setMemberFlags(db, ctx.user.userId, {
    conversationId,
    ...change,
  });
  const conversationFlags = { conversationId, muted: flags.muted, pinned: flags.pinned };
  if (changed) {
    ctx.afterReply(() =>
      push.toUsers([ctx.user.userId], { conversationFlags }, { exceptSocketId: ctx.socketId }),
    );
  }
  return { conversationFlags };
}
