/**
 * How things are named and shown: conversation titles, sender names, times, error texts.
 * Pure functions, so the rules are tested without a browser.
 */
import {
  ConversationKind,
  ErrorCode,
  ProtocolError,
  SystemEventKind,
  type ChatMessage,
  type ConversationView,
  type UserInfo,
} from '@parley/sdk';

import { en, translate, type MessageKey } from './i18n/messages';

/**
 * A person's name for display.
 *
 * @example
 * userName(users, 3); // 'Bob Li'
 */
export function userName(users: ReadonlyMap<number, UserInfo>, userId: number): string {
  const user = users.get(userId);
  return user?.displayName || user?.login || `User ${userId}`;
}

/**
 * The title of a conversation: the other person's name for a direct chat, else its title
 * (or its members' names when it has none).
 *
 * @example
 * conversationTitle(view, users, me.id); // 'Bob Li'
 */
export function conversationTitle(
  view: ConversationView,
  users: ReadonlyMap<number, UserInfo>,
  meId: number,
): string {
  if (view.kind === ConversationKind.CONVERSATION_KIND_DIRECT) {
    const other = view.members.find((m) => m.userId !== meId);
    return other ? userName(users, other.userId) : 'Just you';
  }
  if (view.title) return view.title;
  const names = view.members.filter((m) => m.userId !== meId).map((m) => userName(users, m.userId));
  return names.length > 0 ? names.join(', ') : `Conversation ${view.id}`;
}

/**
 * A message time: the clock time today, the date and time before.
 *
 * @example
 * formatTime(Date.now()); // '14:05'
 */
export function formatTime(ms: number, now: number = Date.now(), locale?: string): string {
  if (!ms) return '';
  const date = new Date(ms);
  const sameDay = new Date(now).toDateString() === date.toDateString();
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(date);
  if (sameDay) return time;
  const day = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric' }).format(date);
  return `${day}, ${time}`;
}

/**
 * What to tell the user when sign-in failed, by error code.
 *
 * @example
 * setError(signInErrorMessage(err));
 */
export function signInErrorMessage(err: unknown): string {
  if (!(err instanceof ProtocolError)) return 'Something went wrong. Please try again.';
  switch (err.code) {
    case ErrorCode.ERROR_CODE_INVALID_CREDENTIALS:
      return 'Wrong login or password.';
    case ErrorCode.ERROR_CODE_ACCOUNT_LOCKED:
      return `Too many failed attempts. Try again ${inTime(err.details.retryAfterMs)}.`;
    case ErrorCode.ERROR_CODE_RATE_LIMITED:
      return `Too many attempts. Try again ${inTime(err.details.retryAfterMs)}.`;
    case ErrorCode.ERROR_CODE_UNAVAILABLE:
      return 'Cannot reach the server. Check your connection and try again.';
    case ErrorCode.ERROR_CODE_BAD_REQUEST:
      return err.message || 'Please enter your login and password.';
    case ErrorCode.ERROR_CODE_FORBIDDEN:
      return 'This account is disabled.';
    default:
      return err.message || 'Sign-in failed.';
  }
}

function inTime(ms: number | undefined): string {
  if (!ms || ms <= 0) return 'later';
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return `in ${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `in ${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/**
 * The line shown for a system message (group made, members added or removed, renamed).
 *
 * @example
 * systemMessageText(message, users); // 'Alice Chen added Bob Li'
 */
export function systemMessageText(
  message: ChatMessage,
  users: ReadonlyMap<number, UserInfo>,
  t: (key: MessageKey, values: Record<string, string>) => string = (key, values) =>
    translate(en, key, values),
): string {
  const actor = userName(users, message.senderId);
  const system = message.system;
  const names = (system?.userIds ?? []).map((id) => userName(users, id)).join(', ');
  const title = system?.title ?? '';
  switch (system?.kind) {
    case SystemEventKind.SYSTEM_EVENT_KIND_GROUP_CREATED:
      return t('system.created', { actor, title });
    case SystemEventKind.SYSTEM_EVENT_KIND_MEMBERS_ADDED:
      return t('system.added', { actor, names });
    case SystemEventKind.SYSTEM_EVENT_KIND_MEMBER_REMOVED:
      return t('system.removed', { actor, names });
    case SystemEventKind.SYSTEM_EVENT_KIND_MEMBER_LEFT:
      return t('system.left', { actor });
    case SystemEventKind.SYSTEM_EVENT_KIND_GROUP_RENAMED:
      return t('system.renamed', { actor, title });
    default:
      return message.text;
  }
}
