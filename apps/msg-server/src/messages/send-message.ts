import { sendMessage } from '@parley/db';
import { ProtocolError, pb } from '@parley/proto';

import type { RequestHandler } from '../transport/context.js';
import { clientMsgIdFromBytes } from '../wire/client-msg-id.js';
import { messageToWire } from '../wire/to-wire.js';
import { optionalId, requireId } from '../wire/validate.js';

const MAX_MENTIONS = 200;

/** What clients may send; system messages are the server's own. */
const SENDABLE_KINDS = new Map<pb.MessageKind, 'text' | 'image' | 'file' | 'voice'>([
  [pb.MessageKind.MESSAGE_KIND_TEXT, 'text'],
  [pb.MessageKind.MESSAGE_KIND_IMAGE, 'image'],
  [pb.MessageKind.MESSAGE_KIND_FILE, 'file'],
  [pb.MessageKind.MESSAGE_KIND_VOICE, 'voice'],
]);
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
  const kind = SENDABLE_KINDS.get(req.kind ?? pb.MessageKind.MESSAGE_KIND_TEXT);
  if (!kind) {
    throw new ProtocolError(
      pb.ErrorCode.ERROR_CODE_UNSUPPORTED,
      'this message kind cannot be sent',
      {
        field: 'kind',
      },
    );
  }
  const attachmentIds = (req.attachmentIds ?? []).map((id) => optionalId(id, 'attachment_ids'));
  if (attachmentIds.some((id) => id === 0)) {
    throw new ProtocolError(pb.ErrorCode.ERROR_CODE_BAD_REQUEST, 'attachment ids must be set', {
      field: 'attachment_ids',
    });
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
    kind,
    attachmentIds,
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
