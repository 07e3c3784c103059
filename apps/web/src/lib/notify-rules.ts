/**
 * When the web app raises a desktop notification, and the tab title's unread count. Pure, so
 * the rules are tested without a browser.
 */
import {
  ConversationKind,
  MessageKind,
  type ChatMessage,
  type ConversationView,
  type UserInfo,
} from '@parley/sdk';

/**
 * True when a new message should raise a notification: someone else's message, while the tab
 * is hidden, in a direct chat or mentioning the user, in a conversation that is not muted.
 *
 * @example
 * if (shouldNotify(m, view, me, document.visibilityState === 'hidden')) new Notification(...);
 */
export function shouldNotify(
  message: ChatMessage,
  view: ConversationView | undefined,
  me: UserInfo,
  hidden: boolean,
): boolean {
  if (!hidden || !view || view.muted) return false;
  if (message.senderId === me.id || message.kind === MessageKind.MESSAGE_KIND_SYSTEM) return false;
  if (message.recalledAt > 0) return false;
  if (view.kind === ConversationKind.CONVERSATION_KIND_DIRECT) return true;
  return mentions(message, me);
}

/**
 * True when a message mentions the user (by id, as the server records it, or as @login).
 *
 * @example
 * mentions({ ...m, text: 'hi @alice' }, alice); // true
 */
export function mentions(message: ChatMessage, me: UserInfo): boolean {
  if (message.mentions.includes(me.id)) return true;
  const escaped = me.login.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\w@.])@${escaped}(?![\\w.-]*[\\w])`, 'i').test(message.text);
}

/**
 * The tab title: "(3) Parley" with unread messages in unmuted conversations, else "Parley".
 *
 * @example
 * document.title = tabTitle(state.conversationList);
 */
export function tabTitle(conversations: readonly ConversationView[], app = 'Parley'): string {
  const unread = conversations.reduce((n, c) => (c.muted || c.left ? n : n + c.unread), 0);
  return unread > 0 ? `(${unread > 999 ? '999+' : unread}) ${app}` : app;
}
