import { Prisma } from '../generated/prisma/client.js';
import type { MessageKind, StoredMessage, SystemEvent } from './types.js';

/**
 * Raw-SQL plumbing shared by the messaging operations: the column list of a message and the
 * mapping of its row onto the domain type. Raw SQL is used where one statement does what
 * several Prisma calls would (seq allocation, per-conversation "newest N" with LATERAL).
 */

/** Columns of `messages` as `m`, in the shape MessageRow expects. */
export const MESSAGE_COLUMNS = Prisma.sql`m.id, m.conversation_id, m.seq, m.sender_id,
  m.client_msg_id::text AS client_msg_id, m.kind::text AS kind, m.body, m.reply_to_id,
  m.mentions, m.created_at, m.edited_at, m.recalled_at`;

export interface MessageRow {
  id: bigint;
  conversation_id: number;
  seq: bigint;
  sender_id: number;
  client_msg_id: string;
  kind: string;
  body: string;
  reply_to_id: bigint | null;
  mentions: number[] | null;
  created_at: Date;
  edited_at: Date | null;
  recalled_at: Date | null;
}

/** A bigint (or numeric) column as a JS number; ids and seqs stay far below 2^53. */
export function num(value: bigint | number | string | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? value : Number(value);
}

export function toStoredMessage(row: MessageRow): StoredMessage {
  return {
    id: num(row.id),
    conversationId: num(row.conversation_id),
    seq: num(row.seq),
    senderId: num(row.sender_id),
    clientMsgId: row.client_msg_id,
    kind: row.kind as MessageKind,
    body: row.body,
    replyToId: row.reply_to_id === null ? null : num(row.reply_to_id),
    mentions: (row.mentions ?? []).map(num),
    createdAt: toDate(row.created_at),
    editedAt: row.edited_at === null ? null : toDate(row.edited_at),
    recalledAt: row.recalled_at === null ? null : toDate(row.recalled_at),
    system: row.kind === 'system' ? parseSystemEvent(row.body) : null,
    attachments: [],
    reactions: [],
  };
}

/** The body of a system message: JSON written by appendSystemMessage. */
function parseSystemEvent(body: string): SystemEvent | null {
  try {
    const value = JSON.parse(body) as Partial<SystemEvent>;
    return {
      kind: value.kind ?? 'group_renamed',
      userIds: Array.isArray(value.userIds) ? value.userIds.map(num) : [],
      title: typeof value.title === 'string' ? value.title : '',
    };
  } catch {
    return null;
  }
}

function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

/**
 * {@link MESSAGE_COLUMNS} as plain SQL text, for statements sent through `Database.query`
 * (the hot paths that skip Prisma). Same columns, same aliases, same `m` table alias.
 */
export const MESSAGE_COLUMNS_TEXT = `m.id, m.conversation_id, m.seq, m.sender_id,
  m.client_msg_id::text AS client_msg_id, m.kind::text AS kind, m.body, m.reply_to_id,
  m.mentions, m.created_at, m.edited_at, m.recalled_at`;
