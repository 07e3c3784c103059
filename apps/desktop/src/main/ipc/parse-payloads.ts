import type { DesktopNotification } from '../../shared/desktop-api.js';

const MAX_TITLE = 200;
const MAX_BODY = 1000;
const MAX_UNREAD = 1_000_000_000;

/**
 * The unread count from `setUnreadCount`, or null when it is not a count. Renderer messages
 * are remote web content: nothing is trusted for its type.
 *
 * @example
 * parseUnreadCount(3); // 3
 * parseUnreadCount('3'); // null
 */
export function parseUnreadCount(value: unknown): number | null {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) return null;
  if (value < 0 || value > MAX_UNREAD) return null;
  return value;
}

/**
 * A notification from `notify`, cut to sane lengths and stripped of control characters, or
 * null when it is malformed. Unknown fields are dropped, never passed to the OS.
 *
 * @example
 * parseNotification({ title: 'Alice', body: 'Lunch?', conversationId: 7 });
 */
export function parseNotification(value: unknown): DesktopNotification | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { title, body, conversationId, silent } = value as Record<string, unknown>;
  if (typeof title !== 'string' || typeof body !== 'string') return null;
  const cleanTitle = clean(title, MAX_TITLE);
  if (!cleanTitle) return null;
  const result: DesktopNotification = { title: cleanTitle, body: clean(body, MAX_BODY) };
  if (conversationId !== undefined) {
    if (
      typeof conversationId !== 'number' ||
      !Number.isSafeInteger(conversationId) ||
      conversationId < 1
    ) {
      return null;
    }
    result.conversationId = conversationId;
  }
  if (silent !== undefined) {
    if (typeof silent !== 'boolean') return null;
    result.silent = silent;
  }
  return result;
}

// C0/C1 controls other than newline and tab (bidi overrides included: they can disguise a
// notification's text), then trimmed and cut on a code point boundary.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function clean(text: string, max: number): string {
  const stripped = text.replace(CONTROL, '').trim();
  const points = [...stripped];
  return points.length > max ? `${points.slice(0, max - 1).join('')}…` : stripped;
}

/** True when `input` is a string worth checking as a server address. */
export function isServerInput(input: unknown): input is string {
  return typeof input === 'string' && input.length <= 2048;
}
