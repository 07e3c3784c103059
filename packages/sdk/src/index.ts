/**
 * @parley/sdk: the Parley client for browsers and Node (web, desktop, bots, tests,
 * benchmarks). Runs anywhere with fetch, WebSocket or XHR, and crypto.getRandomValues;
 * the main entry uses no Node-only API.
 *
 * @example
 * import { createParleyClient } from '@parley/sdk';
 *
 * const client = createParleyClient({ loginUrl: 'http://localhost:3001' });
 * await client.signIn('alice', 'secret');
 * await client.connect();
 * client.on('message', (m) => console.log(m.senderId, m.text));
 * const chat = await client.openDirect(bobId);
 * await client.send(chat.id, 'hello');
 */
import { pb } from '@parley/proto';

export { createParleyClient, ParleyClient } from './client/parley-client.js';
export type { ClientEvents } from './client/events.js';
export type { ParleyClientOptions } from './client/options.js';

export type { ChatState } from './store/chat-store.js';
export { emptyChatState } from './store/chat-store.js';
export { mergeMessages, highestSeq, lowestSeq } from './store/merge-messages.js';
export { findGap, isGapAfterPush } from './store/find-gap.js';
export type {
  ChatMessage,
  ConnectionStatus,
  ConversationView,
  DepartmentInfo,
  MemberInfo,
  MessageStatus,
  MsgServer,
  Session,
  UserInfo,
} from './model/types.js';

export { createLoginApi } from './http/login-api.js';
export type { FetchLike, LoginApi, LoginApiOptions } from './http/login-api.js';

export { defaultSocketFactory, errorFromConnectError } from './connection/socket.js';
export type { SocketFactory, SocketFactoryOptions, SocketLike } from './connection/socket.js';
export { backoffDelay, DEFAULT_BACKOFF } from './connection/backoff.js';
export type { BackoffOptions } from './connection/backoff.js';
export { RequestMatcher } from './connection/request-matcher.js';

export {
  createMemoryOutboxStorage,
  createWebStorageOutboxStorage,
} from './outbox/outbox-storage.js';
export type { OutboxEntry, OutboxStorage, WebStorageLike } from './outbox/outbox-storage.js';
export { createMemoryOutboxFileStore } from './outbox/outbox-file-store.js';
export type { OutboxFileStore } from './outbox/outbox-file-store.js';
export type { OutboxOptions, SendAck } from './outbox/outbox.js';

export {
  ulid,
  ulidToBytes,
  ulidFromBytes,
  isUlid,
  ulidTime,
  createUlidFactory,
} from './ulid/ulid.js';
export { isTransient, isUnauthenticated } from './errors/client-errors.js';

// --- File uploads (tus to the file-server) ---
export { uploadFile } from './upload/upload-file.js';
export { UploadCancelledError } from './upload/types.js';
export type {
  AttachmentInfo,
  UploadController,
  UploadFileOptions,
  UploadState,
} from './upload/types.js';
// Image and file messages (client.sendFiles), download and avatar links (client.fileLink).
export { MAX_FILES_PER_MESSAGE } from './files/send-files.js';
export type { OutgoingFile, SendFilesOptions } from './files/send-files.js';
export type { FileBytes } from './files/attachment-uploads.js';
export type { FileLinks } from './files/file-access.js';
export type { UploadProgress } from './model/types.js';
export type { OutboxAttachment } from './outbox/outbox-storage.js';
// --- end file uploads ---

// Wire types and errors, re-exported so apps depend on the SDK alone.
export { pb, ProtocolError, errorCodeName } from '@parley/proto';

/** Error codes of ProtocolError.code (pb.ErrorCode). */
export const ErrorCode = pb.ErrorCode;
/** Message kinds (pb.MessageKind). */
export const MessageKind = pb.MessageKind;
/** Conversation kinds (pb.ConversationKind). */
export const ConversationKind = pb.ConversationKind;
/** Presence values (pb.Presence). */
export const Presence = pb.Presence;
/** Device kinds for sign-in (pb.DeviceKind). */
export const DeviceKind = pb.DeviceKind;
/** Account states of directory users (pb.UserStatus). */
export const UserStatus = pb.UserStatus;
/** Account roles (pb.Role). */
export const Role = pb.Role;
/** What a system message records (pb.SystemEventKind). */
export const SystemEventKind = pb.SystemEventKind;

// Group read receipts from members' read_seq (no per-message receipt rows).
export { readCount } from './store/read-count.js';
export type { ReadCount } from './store/read-count.js';
export { withReaction, hasReacted } from './store/reactions.js';
export { sortConversations } from './store/conversation-order.js';
export type { ReactionInfo } from './model/types.js';

// The admin console's client and types are in '@parley/sdk/admin' (kept out of chat bundles).
