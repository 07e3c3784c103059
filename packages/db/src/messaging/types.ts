/**
 * Messaging's domain types. These, not Prisma's row types, cross the package boundary:
 * ids and sequence numbers are plain JS numbers (safe up to 2^53), times are Dates.
 */

export type ConversationKind = 'direct' | 'group_fixed' | 'group_temporary';
export type MemberRole = 'member' | 'admin' | 'owner';
export type MessageKind = 'text' | 'image' | 'file' | 'voice' | 'system';

/** One current member of a conversation. */
export interface ConversationMember {
  userId: number;
  role: MemberRole;
  readSeq: number;
  joinedSeq: number;
}

export interface ConversationInfo {
  id: number;
  kind: ConversationKind;
  title: string;
  /** The user who made a group; null for direct chats. */
  ownerId: number | null;
  lastSeq: number;
  createdAt: Date;
  /** Current members (those who left are not listed), by user id. */
  members: ConversationMember[];
}

export type SystemEventKind =
  | 'group_created'
  | 'members_added'
  | 'member_removed'
  | 'member_left'
  | 'group_renamed';

/** What a system message records (stored as JSON in its body). The sender is who acted. */
export interface SystemEvent {
  kind: SystemEventKind;
  /** Members added or removed. */
  userIds: number[];
  /** The title given (created, renamed). */
  title: string;
}

/** A file shown with a message (image, file, voice note). */
export interface MessageAttachment {
  id: number;
  name: string;
  mime: string;
  size: number;
  /** Pixel size of images; null otherwise. */
  width: number | null;
  height: number | null;
  hasThumbnail: boolean;
}

export interface StoredMessage {
  id: number;
  conversationId: number;
  seq: number;
  senderId: number;
  /** The sender's idempotency key, as a canonical lower-case UUID string. */
  clientMsgId: string;
  kind: MessageKind;
  body: string;
  replyToId: number | null;
  mentions: number[];
  createdAt: Date;
  editedAt: Date | null;
  recalledAt: Date | null;
  /** Set for kind 'system': what happened. */
  system: SystemEvent | null;
  /** In display order; empty for text, system and recalled messages. */
  attachments: MessageAttachment[];
  /** Emoji reactions, each with who reacted (ascending), in order of first use; none when recalled. */
  reactions: MessageReaction[];
}

/** One emoji on a message and the users who put it there. */
export interface MessageReaction {
  emoji: string;
  userIds: number[];
}

/**
 * One conversation as one user sees it.
 *
 * `unread` = last_seq - max(read_seq, joined_seq, cleared_seq), never below 0. Sending moves the
 * sender's read_seq to the new message, so one's own messages never count; messages the user hid
 * ("delete for me") still count until read, which keeps the figure O(1) to compute.
 * `mentions` = messages after read_seq, not sent by the user and not recalled, whose mention
 * list names the user.
 */
export interface ConversationState {
  conversation: ConversationInfo;
  readSeq: number;
  unread: number;
  mentions: number;
  /** The newest messages the user may see (seq > joined_seq and > cleared_seq, not hidden), ascending. */
  latest: StoredMessage[];
  /**
   * Only in a sync from a cursor: messages older than `latest` that were edited or recalled
   * since the cursor (at most 200 per conversation), ascending.
   */
  changed: StoredMessage[];
  /**
   * Only in a sync from a cursor: ids of messages the user hid ("delete for me") since the
   * cursor, on any device; clients drop them (at most 200 per conversation).
   */
  hidden: number[];
  /** The user has left: the conversation is listed (so clients can drop it), without messages. */
  left: boolean;
  muted: boolean;
  pinned: boolean;
}

export interface SyncResult {
  conversations: ConversationState[];
  /** Pass back as `cursor` next time. */
  cursor: number;
}
