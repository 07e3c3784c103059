import type { ConversationState, StoredMessage } from '@parley/db';
import { pb } from '@parley/proto';

import { clientMsgIdToBytes } from './client-msg-id.js';

/** Domain (db) types to wire (pb) types. Nothing else in the server builds these by hand. */

const CONVERSATION_KIND: Record<ConversationState['conversation']['kind'], pb.ConversationKind> = {
  direct: pb.ConversationKind.CONVERSATION_KIND_DIRECT,
  group_fixed: pb.ConversationKind.CONVERSATION_KIND_GROUP_FIXED,
  group_temporary: pb.ConversationKind.CONVERSATION_KIND_GROUP_TEMPORARY,
};

const MEMBER_ROLE: Record<
  ConversationState['conversation']['members'][number]['role'],
  pb.MemberRole
> = {
  member: pb.MemberRole.MEMBER_ROLE_MEMBER,
  admin: pb.MemberRole.MEMBER_ROLE_ADMIN,
  owner: pb.MemberRole.MEMBER_ROLE_OWNER,
};

const MESSAGE_KIND: Record<StoredMessage['kind'], pb.MessageKind> = {
  text: pb.MessageKind.MESSAGE_KIND_TEXT,
  image: pb.MessageKind.MESSAGE_KIND_IMAGE,
  file: pb.MessageKind.MESSAGE_KIND_FILE,
  voice: pb.MessageKind.MESSAGE_KIND_VOICE,
  system: pb.MessageKind.MESSAGE_KIND_SYSTEM,
};

const SYSTEM_EVENT_KIND: Record<NonNullable<StoredMessage['system']>['kind'], pb.SystemEventKind> =
  {
    group_created: pb.SystemEventKind.SYSTEM_EVENT_KIND_GROUP_CREATED,
    members_added: pb.SystemEventKind.SYSTEM_EVENT_KIND_MEMBERS_ADDED,
    member_removed: pb.SystemEventKind.SYSTEM_EVENT_KIND_MEMBER_REMOVED,
    member_left: pb.SystemEventKind.SYSTEM_EVENT_KIND_MEMBER_LEFT,
    group_renamed: pb.SystemEventKind.SYSTEM_EVENT_KIND_GROUP_RENAMED,
  };

export function messageToWire(m: StoredMessage): pb.Message.$Properties {
  return {
    conversationId: m.conversationId,
    seq: m.seq,
    id: m.id,
    senderId: m.senderId,
    clientMsgId: clientMsgIdToBytes(m.clientMsgId),
    kind: MESSAGE_KIND[m.kind],
    text: m.body,
    createdAt: m.createdAt.getTime(),
    replyTo: m.replyToId ?? 0,
    mentions: m.mentions,
    editedAt: m.editedAt?.getTime() ?? 0,
    recalledAt: m.recalledAt?.getTime() ?? 0,
    attachments: m.attachments.map((a) => ({
      id: a.id,
      name: a.name,
      mime: a.mime,
      size: a.size,
      width: a.width ?? 0,
      height: a.height ?? 0,
      hasThumbnail: a.hasThumbnail,
    })),
    reactions: m.reactions.map((r) => ({ emoji: r.emoji, userIds: r.userIds })),
    ...(m.system
      ? {
          text: '',
          system: {
            kind: SYSTEM_EVENT_KIND[m.system.kind],
            userIds: m.system.userIds,
            title: m.system.title,
          },
        }
      : {}),
  };
}

export function conversationStateToWire(s: ConversationState): pb.ConversationState.$Properties {
  const c = s.conversation;
  return {
    conversation: {
      id: c.id,
      kind: CONVERSATION_KIND[c.kind],
      title: c.title,
      members: c.members.map((m) => ({
        userId: m.userId,
        role: MEMBER_ROLE[m.role],
        readSeq: m.readSeq,
        joinedSeq: m.joinedSeq,
      })),
      lastSeq: c.lastSeq,
      createdAt: c.createdAt.getTime(),
      ownerId: c.ownerId ?? 0,
    },
    readSeq: s.readSeq,
    unread: s.unread,
    mentions: s.mentions,
    latest: s.latest.map(messageToWire),
    changed: s.changed.map(messageToWire),
    hidden: s.hidden,
    left: s.left,
    muted: s.muted,
    pinned: s.pinned,
  };
}

/**
 * The same wire states as `states.map(conversationStateToWire)`, built for volume (a catch-up
 * sync carries thousands of messages): fields at their proto3 default (0, empty) are left
 * unset rather than set to the default (the encoder skips them either way: same bytes, same
 * decoded values), and client_msg_id is converted without a regex or a copy.
 */
export function conversationStatesToWire(
  states: readonly ConversationState[],
): pb.ConversationState.$Properties[] {
  const out: pb.ConversationState.$Properties[] = new Array(states.length);
  for (let i = 0; i < states.length; i++) {
    const s = states[i] as ConversationState;
    const c = s.conversation;
    const conversation: pb.Conversation.$Properties = {
      id: c.id,
      kind: CONVERSATION_KIND[c.kind],
      members: c.members.map((m) => ({
        userId: m.userId,
        role: MEMBER_ROLE[m.role],
        readSeq: m.readSeq,
        joinedSeq: m.joinedSeq,
      })),
      lastSeq: c.lastSeq,
      createdAt: c.createdAt.getTime(),
    };
    if (c.title !== '') conversation.title = c.title;
    if (c.ownerId) conversation.ownerId = c.ownerId;
    const state: pb.ConversationState.$Properties = { conversation, readSeq: s.readSeq };
    if (s.unread) state.unread = s.unread;
    if (s.mentions) state.mentions = s.mentions;
    if (s.latest.length > 0) state.latest = s.latest.map(leanMessageToWire);
    if (s.changed.length > 0) state.changed = s.changed.map(leanMessageToWire);
    if (s.hidden.length > 0) state.hidden = s.hidden;
    if (s.left) state.left = true;
    if (s.muted) state.muted = true;
    if (s.pinned) state.pinned = true;
    out[i] = state;
  }
  return out;
}

/** messageToWire with the proto3 defaults left out (see conversationStatesToWire). */
function leanMessageToWire(m: StoredMessage): pb.Message.$Properties {
  const out: pb.Message.$Properties = {
    conversationId: m.conversationId,
    seq: m.seq,
    id: m.id,
    senderId: m.senderId,
    clientMsgId: uuidToBytes(m.clientMsgId),
    kind: MESSAGE_KIND[m.kind],
    createdAt: m.createdAt.getTime(),
  };
  if (m.system) {
    out.system = {
      kind: SYSTEM_EVENT_KIND[m.system.kind],
      userIds: m.system.userIds,
      title: m.system.title,
    };
  } else if (m.body !== '') {
    out.text = m.body;
  }
  if (m.replyToId) out.replyTo = m.replyToId;
  if (m.mentions.length > 0) out.mentions = m.mentions;
  if (m.editedAt) out.editedAt = m.editedAt.getTime();
  if (m.recalledAt) out.recalledAt = m.recalledAt.getTime();
  if (m.attachments.length > 0) {
    out.attachments = m.attachments.map((a) => ({
      id: a.id,
      name: a.name,
      mime: a.mime,
      size: a.size,
      width: a.width ?? 0,
      height: a.height ?? 0,
      hasThumbnail: a.hasThumbnail,
    }));
  }
  if (m.reactions.length > 0) {
    out.reactions = m.reactions.map((r) => ({ emoji: r.emoji, userIds: r.userIds }));
  }
  return out;
}

/** clientMsgIdToBytes for a canonical UUID string (hex digits and dashes), without a copy. */
function uuidToBytes(uuid: string): Uint8Array {
  if (uuid.length !== 36) return clientMsgIdToBytes(uuid);
  const bytes = new Uint8Array(16);
  let j = 0;
  for (let i = 0; i < 36 && j < 16; i++) {
    const hi = hexValue(uuid.charCodeAt(i));
    if (hi < 0) continue; // a dash
    bytes[j++] = (hi << 4) | Math.max(0, hexValue(uuid.charCodeAt(++i)));
  }
  return bytes;
}

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  if (code >= 97 && code <= 102) return code - 87; // a-f
  if (code >= 65 && code <= 70) return code - 55; // A-F
  return -1;
}
