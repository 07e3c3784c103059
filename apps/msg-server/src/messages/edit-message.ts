import { editMessage } from '@parley/db';
import { ProtocolError, pb } from '@parley/proto';

import type { RequestHandler } from '../transport/context.js';
import { messageToWire } from '../wire/to-wire.js';
import { requireCount, requireId } from '../wire/validate.js';

const utf8 = new TextEncoder();

/** editMessage: the sender replaces a text; every member's devices get a MessageUpdatePush. */
export const handleEditMessage: RequestHandler<'editMessage'> = async (ctx, req) => {
  const { db, push, config } = ctx.services;
  const conversationId = requireId(req.conversationId, 'conversation_id');
  const seq = requireCount(req.seq, 'seq');
  const text = req.text ?? '';
  const bytes = utf8.encode(text).byteLength;
  if (bytes > config.maxTextBytes) {
    throw new ProtocolError(
      pb.ErrorCode.ERROR_CODE_TOO_LARGE,
      `text of ${bytes} bytes is over the limit of ${config.maxTextBytes}`,
      { field: 'text' },
    );
  }
  const change = await editMessage(db, ctx.user.userId, {
    conversationId,
    seq,
    body: text,
    windowMs: config.editWindowMs,
  });
  const message = messageToWire(change.message);
  ctx.afterReply(() =>
    push.toUsers(
      change.memberIds,
      { messageUpdate: { message } },
      { exceptSocketId: ctx.socketId },
    ),
  );
  return { messageUpdateResult: { message } };
};
