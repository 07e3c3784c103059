import { sendMessage } from '@parley/db';
import { ProtocolError, pb } from '@parley/proto';

import type { RequestHandler } from '../transport/context.js';
import { clientMsgIdFromBytes } from '../wire/client-msg-id.js';
import { messageToWire } from '../wire/to-wire.js';
import { optionalId, requireId } from '../wire/validate.js';

const MAX_MENTIONS = 200;
const utf8 = new TextEncoder();

/**
 * send: store, ack after the commit, then fan the message out to every member's devices
 * (the sender's other devices included, the sending connection excluded: it has the ack).
 * A retry of a stored client_msg_id gets the original ack with duplicate = true and is not
 * fanned out again: receivers already had their chance, and sync covers a missed push.
 */
export const handleSend: RequestHandler<'send'> = async (ctx, req) => {
  const { config, db, push } = ctx.services;
  const conversationId = requireId(req.conversationId, 'conversation_id');
  const clientMsgId = clientMsgIdFromBytes(req.clientMsgId);
  const text = req.text ?? '';
  const bytes = utf8.encode(text).byteLength;
  if (bytes > config.maxTextBytes) {
    throw new ProtocolError(
      pb.ErrorCode.ERROR_CODE_TOO_LARGE,
      `text of ${bytes} bytes is over the limit of ${config.maxTextBytes}`,
      { field: 'text' },
    );
  }
  if ((req.kind ?? pb.MessageKind.MESSAGE_KIND_TEXT) !== pb.MessageKind.MESSAGE_KIND_TEXT) {
    throw new ProtocolError(
      pb.ErrorCode.ERROR_CODE_UNSUPPORTED,
      'only text messages can be sent here yet',
      {
        field: 'kind',
      },
    );
  }
  if ((req.attachmentIds ?? []).length > 0) {
    throw new ProtocolError(
      pb.ErrorCode.ERROR_CODE_UNSUPPORTED,
      'attachments are not supported yet',
      {
        field: 'attachment_ids',
      },
    );
  }
  const mentions = (req.mentions ?? []).map((id) => requireId(id, 'mentions'));
  if (mentions.length > MAX_MENTIONS) {
    throw new ProtocolError(
      pb.ErrorCode.ERROR_CODE_BAD_REQUEST,
      `at most ${MAX_MENTIONS} mentions`,
      {
        field: 'mentions',
      },
    );
  }
  const replyTo = optionalId(req.replyTo, 'reply_to');

  const result = await sendMessage(db, {
    conversationId,
    senderId: ctx.user.userId,
    clientMsgId,
    body: text,
    replyToId: replyTo || null,
    mentions,
  });
  if (!result.duplicate) {
    const message = messageToWire(result.message);
    ctx.afterReply(() =>
      push.toUsers(result.memberIds, { message }, { exceptSocketId: ctx.socketId }),
    );
  }
  return {
    sendAck: {
      messageId: result.message.id,
      seq: result.message.seq,
      serverTime: result.message.createdAt.getTime(),
      duplicate: result.duplicate,
    },
  };
};
