import type { Database } from '../client.js';
import { MESSAGE_COLUMNS_TEXT, num, toStoredMessage, type MessageRow } from './rows.js';
import type { PlainSend, PlainSendStored } from './send-one-statement.js';

/**
 * Many sends without attachments as ONE statement (group commit: one transaction, one WAL
 * flush, one plan for the whole batch). The same guarantees as sendOneStatement, per message:
 *
 * - `locked` takes the row locks of every conversation in the batch, in id order (a Sort under
 *   the LockRows), so two batches never wait for each other in a cycle. It runs to completion
 *   before anything else: `c` is gated on it by an uncorrelated sub-select (a one-time filter).
 * - `ok` leaves out senders that are not current members and client_msg_ids already stored
 *   (committed retries): they come back as null, for the caller to send on their own.
 * - `c` bumps each conversation's last_seq by the number of its messages in `ok`; those seqs
 *   are gapless, and in commit order, as the rows stay locked until the statement commits.
 * - `m` numbers the messages of a conversation in batch order (`ord`) from the old last_seq;
 *   created_at is clock_timestamp(), evaluated after the locks and in seq order.
 * - `rd` moves each sender's read_seq to their newest message of the batch.
 *
 * Any error aborts the whole statement (nothing of the batch is stored); the caller then
 * stores each message on its own, so one bad send never fails the others. That is the case of
 * a client_msg_id whose original is being stored concurrently (not yet committed when `ok` read
 * its snapshot): the insert waits for it and then raises unique_violation.
 */
const BATCH_SQL = `
WITH i AS (
  SELECT * FROM unnest($1::int[], $2::int[], $3::uuid[], $4::"MessageKind"[], $5::text[],
      $6::bigint[], $7::text[])
    WITH ORDINALITY AS i(conversation_id, sender_id, client_msg_id, kind, body, reply_to_id, mentions, ord)
), ok AS (
  SELECT i.* FROM i WHERE EXISTS (
    SELECT 1 FROM members mb WHERE mb.conversation_id = i.conversation_id
      AND mb.user_id = i.sender_id AND mb.left_at IS NULL)
  AND NOT EXISTS (
    SELECT 1 FROM messages x WHERE x.sender_id = i.sender_id AND x.client_msg_id = i.client_msg_id)
), n AS (
  SELECT conversation_id, count(*) AS n FROM ok GROUP BY conversation_id
), locked AS (
  SELECT c.id FROM conversations c WHERE c.id IN (SELECT conversation_id FROM n)
  ORDER BY c.id FOR UPDATE
), c AS (
  UPDATE conversations c SET last_seq = c.last_seq + n.n
  FROM n WHERE c.id = n.conversation_id AND (SELECT count(*) FROM locked) >= 0
  RETURNING c.id, c.last_seq - n.n AS base, ARRAY(SELECT user_id FROM members
    WHERE conversation_id = c.id AND left_at IS NULL ORDER BY user_id) AS member_ids
), m AS (
  INSERT INTO messages (conversation_id, seq, sender_id, client_msg_id, kind, body, reply_to_id, mentions, created_at)
  SELECT s.conversation_id, s.seq, s.sender_id, s.client_msg_id, s.kind, s.body, s.reply_to_id,
    s.mentions::int[], clock_timestamp()
  FROM (
    SELECT ok.*, c.base + row_number() OVER (PARTITION BY ok.conversation_id ORDER BY ok.ord) AS seq
    FROM ok JOIN c ON c.id = ok.conversation_id
    ORDER BY ok.conversation_id, ok.ord
  ) s
  RETURNING *
), rd AS (
  UPDATE members mb SET read_seq = GREATEST(mb.read_seq, x.seq)
  FROM (SELECT conversation_id, sender_id, max(seq) AS seq FROM m GROUP BY conversation_id, sender_id) x
  WHERE mb.conversation_id = x.conversation_id AND mb.user_id = x.sender_id
)
SELECT ${MESSAGE_COLUMNS_TEXT}, c.member_ids FROM m JOIN c ON c.id = m.conversation_id`;

type BatchRow = MessageRow & { member_ids: (number | string)[] } & Record<string, unknown>;

/**
 * Stores `sends` in one statement. Returns, per send (same order), what was stored, or null
 * when the sender is not a current member of that conversation (or it does not exist) or the
 * client_msg_id is already stored: the caller sends those on their own to get the precise
 * outcome. Throws when the statement fails
 * (nothing was stored then). Two sends of one batch must not share (sender, client_msg_id).
 */
export async function sendBatchStatement(
  db: Database,
  sends: readonly PlainSend[],
): Promise<(PlainSendStored | null)[]> {
  const rows = await db.query<BatchRow>(BATCH_SQL, [
    sends.map((s) => s.conversationId),
    sends.map((s) => s.senderId),
    sends.map((s) => s.clientMsgId),
    sends.map((s) => s.kind),
    sends.map((s) => s.body),
    sends.map((s) => s.replyToId),
    sends.map((s) => `{${s.mentions.join(',')}}`),
  ]);
  const stored = new Map<string, PlainSendStored>();
  for (const row of rows) {
    const message = toStoredMessage(row);
    stored.set(`${message.senderId}:${message.clientMsgId}`, {
      message,
      memberIds: row.member_ids.map(num),
    });
  }
  return sends.map((s) => stored.get(`${s.senderId}:${s.clientMsgId}`) ?? null);
}
