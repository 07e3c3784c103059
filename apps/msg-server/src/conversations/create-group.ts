import { createGroup } from '@parley/db';
import { ProtocolError, pb } from '@parley/proto';

import { actsAsAdmin } from '../session/acts-as-admin.js';
import type { RequestHandler } from '../transport/context.js';
import { conversationStateToWire } from '../wire/to-wire.js';
import { requireId } from '../wire/validate.js';

/**
 * createGroup: a temporary group (anyone) or a fixed one (admins). Every member's devices get
 * the new conversation as a ConversationPush; the caller gets it as the response.
 */
export const handleCreateGroup: RequestHandler<'createGroup'> = async (ctx, req) => {
  const { db, push, config } = ctx.services;
  const memberIds = (req.memberIds ?? []).map((id) => requireId(id, 'member_ids'));
  if (req.fixed && !(await actsAsAdmin(ctx))) {
    throw new ProtocolError(
      pb.ErrorCode.ERROR_CODE_FORBIDDEN,
      'only administrators make fixed groups',
      {
        field: 'fixed',
      },
    );
  }
  const userId = ctx.user.userId;
  const result = await createGroup(
    db,
    {
      creatorId: userId,
      kind: req.fixed ? 'group_fixed' : 'group_temporary',
      title: req.title ?? '',
      memberIds,
    },
    config.syncLatestDefault,
  );
  ctx.afterReply(() => {
    push.toUsers(
      [userId],
      { conversationPush: { state: conversationStateToWire(result.state) } },
      {
        exceptSocketId: ctx.socketId,
      },
    );
    if (result.memberState) {
      const others = result.memberIds.filter((id) => id !== userId);
      push.toUsers(others, {
        conversationPush: { state: conversationStateToWire(result.memberState) },
      });
    }
  });
  return { conversationResult: { state: conversationStateToWire(result.state) } };
};
