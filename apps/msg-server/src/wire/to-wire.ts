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
