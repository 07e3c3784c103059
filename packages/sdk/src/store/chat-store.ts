/**
 * The client's state: conversations, messages, people, presence and connection, as one
 * immutable snapshot. Every change builds a new snapshot (unchanged parts are shared), so UI
 * frameworks can compare by reference (React's useSyncExternalStore).
 */
import { pb } from '@parley/proto';

import { toChatMessage } from '../model/normalize.js';
import type {
  ChatMessage,
  ConnectionStatus,
  ConversationView,
  DepartmentInfo,
  MsgServer,
  UserInfo,
} from '../model/types.js';
import {
  viewFromState,
  viewWithMemberRead,
  viewWithMessages,
  viewWithReadSeq,
} from './conversation-view.js';
import { sortConversations } from './conversation-order.js';
import { withoutMessages } from './hidden.js';
import { mergeMessages, removePending } from './merge-messages.js';

/** A snapshot of everything the client knows. Treat it as read-only. */
export interface ChatState {
  /** The signed-in user, if any. */
  me: UserInfo | undefined;
  connection: ConnectionStatus;
  /** The msg-server the client is connected to (or last was). */
  server: MsgServer | undefined;
  conversations: ReadonlyMap<number, ConversationView>;
  /** Conversations: pinned first, then most recently active first. */
  conversationList: readonly ConversationView[];
  /** Messages per conversation id, in mergeMessages order (by seq, then pending). */
  messages: ReadonlyMap<number, readonly ChatMessage[]>;
  users: ReadonlyMap<number, UserInfo>;
  departments: ReadonlyMap<number, DepartmentInfo>;
  presence: ReadonlyMap<number, pb.Presence>;
  /** The sync cursor: the version the client has caught up to. */
  cursor: number;
  /** The directory version the client has caught up to. */
  directoryVersion: number;
}

const EMPTY: readonly ChatMessage[] = [];

/**
 * The snapshot of a client that knows nothing yet (e.g. a UI's state before the client exists).
 *
 * @example
 * const EMPTY = emptyChatState();
 * const state = client ? client.getState() : EMPTY;
 */
export function emptyChatState(): ChatState {
  return {
    me: undefined,
    connection: 'idle',
    server: undefined,
    conversations: new Map(),
    conversationList: [],
    messages: new Map(),
    users: new Map(),
    departments: new Map(),
    presence: new Map(),
    cursor: 0,
    directoryVersion: 0,
  };
}

/**
 * Holds the current ChatState and tells subscribers when it changes.
 *
 * @example
 * const store = new ChatStore();
 * const off = store.subscribe(() => render(store.getState()));
 */
export class ChatStore {
  private state: ChatState = emptyChatState();
  private readonly listeners = new Set<() => void>();

  /** The current snapshot (the same object until something changes). */
  getState = (): ChatState => this.state;

  /**
   * Calls `listener` after every change; returns the unsubscribe function.
   *
   * @example
   * const off = store.subscribe(() => console.log(store.getState().connection));
   */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Messages of one conversation (empty when none are loaded). */
  messagesOf(conversationId: number): readonly ChatMessage[] {
    return this.state.messages.get(conversationId) ?? EMPTY;
  }

  /** Forgets everything of the previous user (sign-out, another sign-in); keeps the connection status. */
  reset(me: UserInfo | undefined): void {
    this.commit({ ...emptyChatState(), me, connection: this.state.connection });
  }

  setMe(me: UserInfo): void {
    const users = new Map(this.state.users).set(me.id, me);
    this.commit({ ...this.state, me, users });
  }

  setConnection(connection: ConnectionStatus, server?: MsgServer): void {
    if (connection === this.state.connection && (server ?? this.state.server) === this.state.server)
      return;
    this.commit({ ...this.state, connection, server: server ?? this.state.server });
  }

  /**
   * Applies conversation states from sync, openDirect or a push, merging their newest
   * messages; `cursor` (from sync) moves the sync cursor forward.
   */
  applyConversationStates(
    states: readonly pb.ConversationState.$Properties[],
    cursor?: number,
  ): void {
    const meId = this.state.me?.id ?? 0;
    const conversations = new Map(this.state.conversations);
    const messages = new Map(this.state.messages);
    for (const s of states) {
      const id = s.conversation?.id ?? 0;
      if (id === 0) continue;
      const latest = (s.latest ?? []).map((m) => ({ ...toChatMessage(m), conversationId: id }));
      let list = mergeMessages(messages.get(id) ?? EMPTY, latest);
      // Older messages edited or recalled since the cursor: replace only the loaded copies.
      const loaded = new Set(list.map((m) => m.seq));
      const changed = (s.changed ?? []).map(toChatMessage).filter((m) => loaded.has(m.seq));
      if (changed.length > 0) list = mergeMessages(list, changed);
      // Hidden ("delete for me") on another device since the cursor.
      list = [...withoutMessages(list, s.hidden ?? [])];
      messages.set(id, list);
      conversations.set(id, viewFromState(s, conversations.get(id), list, meId));
    }
    this.commit({
      ...this.state,
      conversations,
      conversationList: sortConversations(conversations),
      messages,
      cursor: cursor !== undefined ? Math.max(cursor, this.state.cursor) : this.state.cursor,
    });
  }

  /** Merges messages of one conversation (push, ack, history, or a pending own message). */
  addMessages(conversationId: number, incoming: readonly ChatMessage[]): readonly ChatMessage[] {
    const list = mergeMessages(this.messagesOf(conversationId), incoming);
    this.replaceMessages(conversationId, list);
    return list;
  }

  /**
   * Replaces loaded copies of messages that changed (edited, recalled). Copies that are not
   * loaded are left alone: they arrive with their change when history is paged in, and
   * adding them here would open holes in the list. Returns the messages that were replaced.
   */
  updateMessages(conversationId: number, changed: readonly ChatMessage[]): ChatMessage[] {
    const list = this.messagesOf(conversationId);
    const loaded = new Set(list.map((m) => m.seq));
    const replaced = changed.filter((m) => m.seq > 0 && loaded.has(m.seq));
    if (replaced.length > 0) this.replaceMessages(conversationId, mergeMessages(list, replaced));
    return replaced;
  }

  /** Removes a pending own message (discarded from the outbox). */
  removePending(conversationId: number, clientMsgId: string): void {
    const meId = this.state.me?.id ?? 0;
    this.replaceMessages(
      conversationId,
      removePending(this.messagesOf(conversationId), meId, clientMsgId),
    );
  }

  /**
   * Replaces a conversation's list, e.g. to drop messages below a hole that could not be
   * repaired. `hasOlder` overrides the view's flag when given.
   */
  replaceMessages(conversationId: number, list: readonly ChatMessage[], hasOlder?: boolean): void {
    const meId = this.state.me?.id ?? 0;
    const messages = new Map(this.state.messages).set(conversationId, list);
    const conversations = new Map(this.state.conversations);
    const view = conversations.get(conversationId);
    if (view) {
      const next = viewWithMessages(view, list, meId);
      conversations.set(conversationId, hasOlder === undefined ? next : { ...next, hasOlder });
    }
    this.commit({
      ...this.state,
      messages,
      conversations,
      conversationList: view ? sortConversations(conversations) : this.state.conversationList,
    });
  }

  /** Drops messages the user hid ("delete for me"), by server id. */
  hideMessages(conversationId: number, messageIds: readonly number[]): void {
    const list = this.messagesOf(conversationId);
    const next = withoutMessages(list, messageIds);
    if (next !== list) this.replaceMessages(conversationId, next);
  }

  /** Sets the user's own flags of a conversation (mute, pin); absent ones are kept. */
  setConversationFlags(conversationId: number, flags: { muted?: boolean; pinned?: boolean }): void {
    const view = this.state.conversations.get(conversationId);
    if (!view) return;
    const muted = flags.muted ?? view.muted;
    const pinned = flags.pinned ?? view.pinned;
    if (muted === view.muted && pinned === view.pinned) return;
    const conversations = new Map(this.state.conversations).set(conversationId, {
      ...view,
      muted,
      pinned,
    });
    this.commit({
      ...this.state,
      conversations,
      conversationList: sortConversations(conversations),
    });
  }

  /** Moves a read position: the user's own (local markRead, other device) or a member's. */
  applyRead(conversationId: number, userId: number, readSeq: number): void {
    const view = this.state.conversations.get(conversationId);
    if (!view) return;
    let next = viewWithMemberRead(view, userId, readSeq);
    if (userId === this.state.me?.id) next = viewWithReadSeq(next, readSeq);
    if (next === view) return;
    const conversations = new Map(this.state.conversations).set(conversationId, next);
    this.commit({
      ...this.state,
      conversations,
      conversationList: sortConversations(conversations),
    });
  }

  /** Merges directory users and departments (a delta since the last version). */
  applyDirectory(
    users: readonly UserInfo[],
    departments: readonly DepartmentInfo[],
    version: number,
  ): void {
    const u = new Map(this.state.users);
    for (const user of users) u.set(user.id, user);
    const d = new Map(this.state.departments);
    for (const dep of departments) d.set(dep.id, dep);
    const me = this.state.me ? (u.get(this.state.me.id) ?? this.state.me) : undefined;
    this.commit({
      ...this.state,
      me,
      users: u,
      departments: d,
      directoryVersion: Math.max(version, this.state.directoryVersion),
    });
  }

  setPresence(userId: number, presence: pb.Presence): void {
    if (this.state.presence.get(userId) === presence) return;
    this.commit({ ...this.state, presence: new Map(this.state.presence).set(userId, presence) });
  }

  /**
   * Replaces what the client knew of presence with a snapshot of who is online (sent on every
   * connect): those listed are online, everyone else known is offline. Returns the users whose
   * presence changed.
   */
  replacePresence(
    onlineUserIds: readonly number[],
  ): Array<{ userId: number; presence: pb.Presence }> {
    const online = new Set(onlineUserIds);
    const next = new Map<number, pb.Presence>();
    const changed: Array<{ userId: number; presence: pb.Presence }> = [];
    for (const [userId, before] of this.state.presence) {
      if (online.has(userId)) continue;
      next.set(userId, pb.Presence.PRESENCE_OFFLINE);
      if (before !== pb.Presence.PRESENCE_OFFLINE) {
        changed.push({ userId, presence: pb.Presence.PRESENCE_OFFLINE });
      }
    }
    for (const userId of online) {
      next.set(userId, pb.Presence.PRESENCE_ONLINE);
      if (this.state.presence.get(userId) !== pb.Presence.PRESENCE_ONLINE) {
        changed.push({ userId, presence: pb.Presence.PRESENCE_ONLINE });
      }
    }
    if (changed.length > 0) this.commit({ ...this.state, presence: next });
    return changed;
  }

  private commit(next: ChatState): void {
    this.state = next;
    for (const listener of [...this.listeners]) listener();
  }
}
