/**
 * The SDK's own view types. Wire messages (packages/proto) have every field optional; these are
 * the normalised, always-filled shapes the store keeps and apps render. They are plain data
 * (JSON-serialisable), so apps can persist or post them across windows.
 */
import type { pb } from '@parley/proto';

import type { AttachmentInfo, UploadState } from '../upload/types.js';

/** A person in the directory (normalised pb.User). */
export interface UserInfo {
  id: number;
  login: string;
  displayName: string;
  departmentId: number;
  role: pb.Role;
  status: pb.UserStatus;
  title: string;
  avatarUrl: string;
  signature: string;
  version: number;
}

/** A department (normalised pb.Department). */
export interface DepartmentInfo {
  id: number;
  name: string;
  parentId: number;
  sortOrder: number;
  version: number;
}

/** The tokens of one signed-in device, as returned by sign-in and refresh. */
export interface Session {
  accessToken: string;
  /** Unix ms. */
  accessExpiresAt: number;
  refreshToken: string;
  /** Unix ms. */
  refreshExpiresAt: number;
  sessionId: number;
  user: UserInfo;
}

/**
 * Delivery state of a message. Messages from the server are always `sent`; own messages start
 * as `sending`, become `sent` on the server's ack and `failed` when the server refused them or
 * retries ran out (then `client.retry(clientMsgId)` tries again with the same id).
 */
export type MessageStatus = 'sending' | 'sent' | 'failed';

/** One message as the store keeps it. */
export interface ChatMessage {
  conversationId: number;
  /** 0 while the message has not been acknowledged. */
  seq: number;
  /** Server id; 0 while sending. */
  id: number;
  senderId: number;
  /** The ULID the sender's client chose ('' if the sender sent none). */
  clientMsgId: string;
  kind: pb.MessageKind;
  text: string;
  /** Unix ms: server time once sent, local time while sending. */
  createdAt: number;
  replyTo: number;
  mentions: number[];
  editedAt: number;
  recalledAt: number;
  status: MessageStatus;
  /** What a system message (kind MESSAGE_KIND_SYSTEM) records; its sender is who acted. */
  system?: { kind: pb.SystemEventKind; userIds: number[]; title: string };
  /** Why the last attempt failed (set when status is `failed`). */
  error?: { code: pb.ErrorCode; message: string };
  /** Emoji reactions, in the order they were first used (absent or empty: none). */
  reactions?: ReactionInfo[];
  /**
   * Files of an image or file message, in order (absent: none). While an own message is
   * sending, an attachment not yet uploaded has id 0 and what the sender's client knew.
   */
  attachments?: AttachmentInfo[];
  /** Upload progress of an own message's files while it is sending (all files together). */
  upload?: UploadProgress;
}

/** How far the files of a sending message are (bytes the server confirmed / total). */
export interface UploadProgress {
  sent: number;
  total: number;
  state: UploadState;
}

/** One emoji on a message and who put it there. */
export interface ReactionInfo {
  emoji: string;
  userIds: number[];
}

/** A member of a conversation. */
export interface MemberInfo {
  userId: number;
  role: pb.MemberRole;
  readSeq: number;
  joinedSeq: number;
}

/** One conversation as the signed-in user sees it. */
export interface ConversationView {
  id: number;
  kind: pb.ConversationKind;
  title: string;
  members: MemberInfo[];
  lastSeq: number;
  createdAt: number;
  /** The user's own read position. */
  readSeq: number;
  /** Messages after readSeq written by others. */
  unread: number;
  mentions: number;
  left: boolean;
  muted: boolean;
  /** The user pinned it: listed first. */
  pinned: boolean;
  /** Newest message the store knows (sent or sending), for list previews. */
  lastMessage: ChatMessage | undefined;
  /** Whether older messages exist before the oldest one loaded. */
  hasOlder: boolean;
}

/** Where the connection to the msg-servers is. */
export type ConnectionStatus =
  /** Not started, or closed by the app. */
  | 'idle'
  /** Racing servers for a connection. */
  | 'connecting'
  /** Connected; catching up with one sync round trip. */
  | 'syncing'
  /** Connected and up to date. */
  | 'online'
  /** Lost the connection; waiting for the next attempt. */
  | 'reconnecting'
  /** The session ended (signed out, revoked, or kicked); no more attempts. */
  | 'signedOut';

/** A msg-server from discovery. */
export interface MsgServer {
  id: string;
  url: string;
  path: string;
  load: number;
}
