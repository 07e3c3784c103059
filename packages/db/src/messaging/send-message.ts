import { ProtocolError, pb } from '@parley/proto';

import type { Database } from '../client.js';
import { linkAttachmentsToMessage } from '../files/link-attachments.js';
import { Prisma } from '../generated/prisma/client.js';
import { loadAttachments } from './load-attachments.js';
import { notMember, requireMember } from './membership.js';
import { MESSAGE_COLUMNS, num, toStoredMessage, type MessageRow } from './rows.js';
import { storePlainSend } from './send-batcher.js';
import { isDuplicateClientMsgId, type PlainSendStored } from './send-one-statement.js';
import { inTransaction } from './transaction.js';
import type { MessageKind, StoredMessage } from './types.js';

export interface SendMessageInput {
  conversationId: number;
  /** Always the authenticated user: the server never takes a sender from the client. */
  senderId: number;
  /** The client's idempotency key (a UUID string), the same on every retry of one message. */
  clientMsgId: string;
  body: string;
  /** Defaults to 'text'. 'system' is reserved for the server's own messages. */
  kind?: MessageKind;
  replyToId?: number | null;
  mentions?: number[];
  /**
   * The sender's own uploads, in display order. Required for 'image', 'file' and 'voice'
   * (the body is then an optional caption); checked and linked in the same transaction.
   */
  attachmentIds?: number[];
}

export interface SendMessageResult {
  message: StoredMessage;
  /** True when this client_msg_id was already stored: `message` is the original. */
  duplicate: boolean;
  /** Current members at the time of sending: whom to fan the message out to. */
  memberIds: number[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_MENTIONS = 200;

/** Raised inside the transaction to roll back a seq that a duplicate must not consume. */
class DuplicateClientMsgId extends Error {}

/**
 * Stores one message and allocates its seq. The conversation row is locked by
 * `last_seq = last_seq + 1` until the commit, so seqs are gapless and in commit order;
 * `created_at` is read after that lock (clock_timestamp()), so time order follows seq order;
 * the sender's read_seq moves to the new seq (one's own messages are never unread).
 *
 * A message without attachments is ONE autocommitted statement (send-one-statement.ts): one
 * round trip, no interactive transaction; sends that arrive while others are being stored are
 * stored together as one statement (group commit, send-batcher.ts). The promise settles after
 * the commit either way. A message with attachments keeps an interactive transaction, as
 * linking them needs checks of its own.
 *
 * A retry with the same (sender, client_msg_id) returns the original message with
 * `duplicate: true`. That includes the race of two copies in flight at once: the second insert
 * hits the unique key (PostgreSQL waits for the first to commit), its statement or transaction
 * is rolled back so the seq it took is released, and the original is read back.
 *
 * Throws ProtocolError: NOT_FOUND (no such conversation), FORBIDDEN (not a member, an
 * attachment that is not the sender's upload), BAD_REQUEST (empty text, a file message without
 * attachments, malformed client_msg_id, reply to a message of another conversation), CONFLICT
 * (client_msg_id already used for another conversation).
 *
 * @example
 * const { message, duplicate } = await sendMessage(db, {
 *   conversationId: 7, senderId: 1, clientMsgId: '0190f1d2-...', body: 'hello',
 * });
 */
export async function sendMessage(
  db: Database,
  input: SendMessageInput,
): Promise<SendMessageResult> {
  const kind = input.kind ?? 'text';
  validate(input, kind);
  const clientMsgId = input.clientMsgId.toLowerCase();
  const mentions = [...new Set(input.mentions ?? [])].slice(0, MAX_MENTIONS);
  const replyToId = input.replyToId ? input.replyToId : null;
  if (replyToId !== null) await requireReplyTarget(db, input.conversationId, replyToId);

  const attachmentIds = input.attachmentIds ?? [];
  if (attachmentIds.length === 0) {
    let stored: PlainSendStored | null;
    try {
      stored = await storePlainSend(db, {
        conversationId: input.conversationId,
        senderId: input.senderId,
        clientMsgId,
        kind,
        body: input.body,
        replyToId,
        mentions,
      });
    } catch (err) {
      if (!isDuplicateClientMsgId(err)) throw err;
      return readOriginal(db, input, clientMsgId);
    }
    if (!stored) {
      await requireMember(db.prisma, input.conversationId, input.senderId);
      throw notMember(input.conversationId); // joined between the statement and the check
    }
    return { ...stored, duplicate: false };
  }

  try {
    return await inTransaction(db, async (tx) => {
      const [alloc] = await tx.$queryRaw<{ last_seq: bigint; member_ids: number[] }[]>(Prisma.sql`
        UPDATE conversations c SET last_seq = c.last_seq + 1
        WHERE c.id = ${input.conversationId} AND EXISTS (
          SELECT 1 FROM members WHERE conversation_id = ${input.conversationId}
            AND user_id = ${input.senderId} AND left_at IS NULL)
        RETURNING c.last_seq, ARRAY(SELECT user_id FROM members
          WHERE conversation_id = ${input.conversationId} AND left_at IS NULL ORDER BY user_id) AS member_ids`);
      if (!alloc) {
        await requireMember(tx, input.conversationId, input.senderId);
        throw notMember(input.conversationId); // joined-and-left between the two statements
      }
      const seq = num(alloc.last_seq);
      // clock_timestamp(), not now(): taken after the row lock, so time order follows seq order.
      const [row] = await tx.$queryRaw<MessageRow[]>(Prisma.sql`
        WITH m AS (
          INSERT INTO messages (conversation_id, seq, sender_id, client_msg_id, kind, body, reply_to_id, mentions, created_at)
          VALUES (${input.conversationId}, ${seq}, ${input.senderId}, ${clientMsgId}::uuid, ${kind}::"MessageKind",
            ${input.body}, ${replyToId}, ${mentions}::int[], clock_timestamp())
          ON CONFLICT (sender_id, client_msg_id) DO NOTHING
          RETURNING *
        ), rd AS (
          UPDATE members SET read_seq = GREATEST(read_seq, ${seq})
          WHERE conversation_id = ${input.conversationId} AND user_id = ${input.senderId}
            AND EXISTS (SELECT 1 FROM m)
        )
        SELECT ${MESSAGE_COLUMNS} FROM m`);
      if (!row) throw new DuplicateClientMsgId();
      const message = toStoredMessage(row);
      // A refused attachment throws here and rolls the message (and its seq) back.
      await linkAttachmentsToMessage(tx, {
        messageId: message.id,
        senderId: input.senderId,
        attachmentIds,
      });
      await loadAttachments(tx, [message]);
      return { message, duplicate: false, memberIds: alloc.member_ids.map(num) };
    });
  } catch (err) {
    if (!(err instanceof DuplicateClientMsgId)) throw err;
  }
  return readOriginal(db, input, clientMsgId);
}

async function readOriginal(
  db: Database,
  input: SendMessageInput,
  clientMsgId: string,
): Promise<SendMessageResult> {
  const [row] = await db.prisma.$queryRaw<MessageRow[]>(Prisma.sql`
    SELECT ${MESSAGE_COLUMNS} FROM messages m
    WHERE m.sender_id = ${input.senderId} AND m.client_msg_id = ${clientMsgId}::uuid`);
  if (!row) {
    // Unreachable unless the original was deleted between the two statements.
    throw new ProtocolError(
      pb.ErrorCode.ERROR_CODE_UNAVAILABLE,
      'send raced with a delete; retry',
      {
        retryAfterMs: 100,
      },
    );
  }
  const [message] = await loadAttachments(db.prisma, [toStoredMessage(row)]);
  if (!message) throw new Error('unreachable');
  if (message.conversationId !== input.conversationId) {
    throw new ProtocolError(
      pb.ErrorCode.ERROR_CODE_CONFLICT,
      'client_msg_id was already used for a message in another conversation',
      { field: 'client_msg_id' },
    );
  }
  const memberRows = await db.prisma.$queryRaw<{ user_id: number }[]>(Prisma.sql`
    SELECT user_id FROM members WHERE conversation_id = ${input.conversationId} AND left_at IS NULL ORDER BY user_id`);
  return { message, duplicate: true, memberIds: memberRows.map((r) => num(r.user_id)) };
}

function validate(input: SendMessageInput, kind: MessageKind): void {
  if (!UUID.test(input.clientMsgId)) {
    throw badRequest('client_msg_id must be 16 bytes (a UUID)', 'client_msg_id');
  }
  if (kind === 'system') throw badRequest('system messages are sent by the server only', 'kind');
  const files = input.attachmentIds?.length ?? 0;
  if (kind === 'text' && input.body.trim() === '') {
    throw badRequest('text must not be empty', 'text');
  }
  if (kind === 'text' && files > 0) {
    throw badRequest('attachments need kind image, file or voice', 'kind');
  }
  if (kind !== 'text' && files === 0) {
    throw badRequest(`a ${kind} message needs an attachment`, 'attachment_ids');
  }
  if (input.body.includes('\u0000'))
    throw badRequest('text must not contain NUL characters', 'text');
}

async function requireReplyTarget(
  db: Database,
  conversationId: number,
  replyToId: number,
): Promise<void> {
  const rows = await db.query(
    'SELECT 1 AS ok FROM messages WHERE id = $1::bigint AND conversation_id = $2::int',
    [replyToId, conversationId],
  );
  if (rows.length === 0) {
    throw badRequest('reply_to is not a message of this conversation', 'reply_to');
  }
}

function badRequest(message: string, field: string): ProtocolError {
  return new ProtocolError(pb.ErrorCode.ERROR_CODE_BAD_REQUEST, message, { field });
}
