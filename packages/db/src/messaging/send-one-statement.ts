import type { Database } from '../client.js';
import { MESSAGE_COLUMNS_TEXT, num, toStoredMessage, type MessageRow } from './rows.js';
import type { MessageKind, StoredMessage } from './types.js';

/** A message without attachments, validated and normalised by sendMessage. */
export interface PlainSend {
  conversationId: number;
  senderId: number;
  /** Lower-case UUID. */
  clientMsgId: string;
  kind: MessageKind;
  body: string;
  replyToId: number | null;
  mentions: number[];
}

/** What the statement stored: the message and the current members (fan-out targets). */
export interface PlainSendStored {
  message: StoredMessage;
  memberIds: number[];
}

/**
 * The whole send as ONE statement (autocommit, one round trip): a data-modifying CTE that
 *
 * 1. bumps `conversations.last_seq` if the sender is a current member — this locks the
 *    conversation row until the statement commits, so seqs are gapless and in commit order;
 * 2. inserts the message with that seq; `created_at` is `clock_timestamp()`, read after the row
 *    lock, so time order follows seq order;
 * 3. moves the sender's read_seq to it (one's own messages are never unread);
 * 4. returns the row and the current member ids.
 *
 * No row comes back when the sender is not a member or the conversation does not exist (the
 * caller tells the two apart). A (sender_id, client_msg_id) already stored — or being stored by
 * a concurrent statement that then commits — raises unique_violation, which aborts the whole
 * statement, the seq bump included: see {@link isDuplicateClientMsgId}.
 */
const SEND_SQL = `
WITH c AS (
  UPDATE conversations c SET last_seq = c.last_seq + 1
  WHERE c.id = $1::int AND EXISTS (
    SELECT 1 FROM members WHERE conversation_id = $1::int AND user_id = $2::int AND left_at IS NULL)
  RETURNING c.last_seq, ARRAY(SELECT user_id FROM members
    WHERE conversation_id = $1::int AND left_at IS NULL ORDER BY user_id) AS member_ids
), m AS (
  INSERT INTO messages (conversation_id, seq, sender_id, client_msg_id, kind, body, reply_to_id, mentions, created_at)
  SELECT $1::int, c.last_seq, $2::int, $3::uuid, $4::"MessageKind", $5::text, $6::bigint, $7::int[], clock_timestamp()
  FROM c
  RETURNING *
), rd AS (
  UPDATE members mb SET read_seq = GREATEST(mb.read_seq, m.seq) FROM m
  WHERE mb.conversation_id = $1::int AND mb.user_id = $2::int
)
SELECT ${MESSAGE_COLUMNS_TEXT}, c.member_ids FROM m, c`;

/**
 * Stores a message without attachments in one statement; null when the sender is not a current
 * member (or the conversation does not exist). Throws the driver's unique_violation for a
 * client_msg_id the sender already used (check with {@link isDuplicateClientMsgId}).
 */
export async function sendOneStatement(
  db: Database,
  input: PlainSend,
): Promise<PlainSendStored | null> {
  const [row] = await db.query<SendRow>(SEND_SQL, [
    input.conversationId,
    input.senderId,
    input.clientMsgId,
    input.kind,
    input.body,
    input.replyToId,
    input.mentions,
  ]);
  if (!row) return null;
  return { message: toStoredMessage(row), memberIds: row.member_ids.map(num) };
}

type SendRow = MessageRow & { member_ids: (number | string)[] } & Record<string, unknown>;

const SENDER_CLIENT_MSG_ID_KEY = 'messages_sender_id_client_msg_id_key';

/**
 * True for the unique_violation (23505) of `messages (sender_id, client_msg_id)`: the message
 * is a retry of one already stored. Both drivers (pg and PGlite) report the constraint name.
 */
export function isDuplicateClientMsgId(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { code, constraint } = err as { code?: unknown; constraint?: unknown };
  return code === '23505' && constraint === SENDER_CLIENT_MSG_ID_KEY;
}
