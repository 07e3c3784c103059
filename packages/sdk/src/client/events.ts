/**
 * The events a ParleyClient emits. State changes are also visible in the snapshot
 * (client.getState()); events are for reactions: a notification, a sound, a typing line.
 */
import type { pb, ProtocolError } from '@parley/proto';

import type { ChatMessage, ConnectionStatus, ConversationView, Session } from '../model/types.js';

/** Event name -> payload. */
export interface ClientEvents {
  /** A message the client had not seen: a push from the server, or an own message acked. */
  message: ChatMessage;
  /** A message already shown was edited or recalled (replace it by seq). */
  messageUpdated: ChatMessage;
  /** The user hid a message ("delete for me"), here or on another device; it left the state. */
  messageHidden: { conversationId: number; messageId: number };
  /** An own message changed state (sending -> sent | failed, failed -> sending). */
  messageStatus: ChatMessage;
  /** A conversation was added or changed by the server (sync, push, openDirect). */
  conversation: ConversationView;
  /** Someone's read position moved (the user's own other device, or another member). */
  read: { conversationId: number; userId: number; readSeq: number };
  /** Someone is typing (show it for a few seconds). */
  typing: { conversationId: number; userId: number };
  presence: { userId: number; presence: pb.Presence };
  connection: ConnectionStatus;
  /** New tokens (save them to stay signed in across reloads), or null when signed out. */
  session: Session | null;
  /** The server ended this session (signed out elsewhere, revoked, disabled). */
  kicked: { reason: string };
  /** A background failure the client recovered from (or will retry); useful for logs. */
  error: ProtocolError;
}
