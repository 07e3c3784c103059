/**
 * "Delete for me": messages the user hid (on this device or another) leave their list. The
 * server no longer returns them, so the list keeps a hole at their seq; gap repair sees that
 * history has nothing to fill it with and stops (see GapRepair).
 */
import type { ChatMessage } from '../model/types.js';

/**
 * The list without the messages with these server ids (the same array when none is there).
 *
 * @example
 * const next = withoutMessages(list, [hiddenId]);
 */
export function withoutMessages(
  list: readonly ChatMessage[],
  messageIds: readonly number[],
): readonly ChatMessage[] {
  if (messageIds.length === 0) return list;
  const ids = new Set(messageIds);
  if (!list.some((m) => m.id > 0 && ids.has(m.id))) return list;
  return list.filter((m) => !(m.id > 0 && ids.has(m.id)));
}
