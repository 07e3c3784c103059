/**
 * Wire -> view conversions. Decoded protobuf messages leave absent fields undefined in their
 * types (even when the runtime fills defaults), so every field is read with a fallback here,
 * once, and the rest of the SDK works with always-filled view types.
 */
import type { pb } from '@parley/proto';

import { ulidFromBytes } from '../ulid/ulid.js';
import { toAttachmentInfo } from '../upload/attachment-info.js';
import type {
  ChatMessage,
  DepartmentInfo,
  MemberInfo,
  MsgServer,
  Session,
  UserInfo,
} from './types.js';

/**
 * A directory user from its wire form.
 *
 * @example
 * const user = toUserInfo(me.user);
 */
export function toUserInfo(u: pb.User.$Properties | null | undefined): UserInfo {
  return {
    id: u?.id ?? 0,
    login: u?.login ?? '',
    displayName: u?.displayName || u?.login || '',
    departmentId: u?.departmentId ?? 0,
    role: u?.role ?? 0,
    status: u?.status ?? 0,
    title: u?.title ?? '',
    avatarUrl: u?.avatarUrl ?? '',
    signature: u?.signature ?? '',
    version: u?.version ?? 0,
  };
}

/**
 * A department from its wire form.
 *
 * @example
 * const departments = response.departments.map(toDepartmentInfo);
 */
export function toDepartmentInfo(d: pb.Department.$Properties): DepartmentInfo {
  return {
    id: d.id ?? 0,
    name: d.name ?? '',
    parentId: d.parentId ?? 0,
    sortOrder: d.sortOrder ?? 0,
    version: d.version ?? 0,
  };
}

/**
 * A session from the tokens that sign-in and refresh return.
 *
 * @example
 * const session = toSession(pb.SessionTokens.decode(bytes));
 */
export function toSession(t: pb.SessionTokens.$Properties): Session {
  return {
    accessToken: t.accessToken ?? '',
    accessExpiresAt: t.accessExpiresAt ?? 0,
    refreshToken: t.refreshToken ?? '',
    refreshExpiresAt: t.refreshExpiresAt ?? 0,
    sessionId: t.sessionId ?? 0,
    user: toUserInfo(t.user),
  };
}

/**
 * A stored (acknowledged) message from its wire form.
 *
 * @example
 * store.addMessages(id, result.messages.map(toChatMessage));
 */
export function toChatMessage(m: pb.Message.$Properties): ChatMessage {
  const message: ChatMessage = {
    conversationId: m.conversationId ?? 0,
    seq: m.seq ?? 0,
    id: m.id ?? 0,
    senderId: m.senderId ?? 0,
    clientMsgId: ulidFromBytes(m.clientMsgId),
    kind: m.kind ?? 0,
    text: m.text ?? '',
    createdAt: m.createdAt ?? 0,
    replyTo: m.replyTo ?? 0,
    mentions: m.mentions ?? [],
    editedAt: m.editedAt ?? 0,
    recalledAt: m.recalledAt ?? 0,
    status: 'sent',
  };
  if (m.attachments && m.attachments.length > 0) {
    message.attachments = m.attachments.map(toAttachmentInfo);
  }
  if (m.reactions && m.reactions.length > 0) {
    message.reactions = m.reactions.map((r) => ({
      emoji: r.emoji ?? '',
      userIds: (r.userIds ?? []).map(Number),
    }));
  }
  if (m.system) {
    message.system = {
      kind: m.system.kind ?? 0,
      userIds: m.system.userIds ?? [],
      title: m.system.title ?? '',
    };
  }
  return message;
}

/**
 * A conversation member from its wire form.
 *
 * @example
 * const members = conversation.members.map(toMemberInfo);
 */
export function toMemberInfo(m: pb.Member.$Properties): MemberInfo {
  return {
    userId: m.userId ?? 0,
    role: m.role ?? 0,
    readSeq: m.readSeq ?? 0,
    joinedSeq: m.joinedSeq ?? 0,
  };
}

/**
 * A msg-server entry from discovery; an empty path means socket.io's default.
 *
 * @example
 * const servers = discovery.msgServers.map(toMsgServer);
 */
export function toMsgServer(s: pb.MsgServerInfo.$Properties): MsgServer {
  return {
    id: s.id || s.url || '',
    url: s.url ?? '',
    path: s.path || '/socket.io',
    load: s.load ?? 0,
  };
}
