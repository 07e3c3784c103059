import { getConversationState, type GroupChange } from '@parley/db';

import type { RequestContext } from '../transport/context.js';
import { conversationStateToWire, messageToWire } from '../wire/to-wire.js';

/**
 * After a group change: the system message goes to every member's devices and to whoever was
 * removed (so they see why the group went quiet); users who were added or removed also get the
 * conversation itself, as they now see it (new to them, or `left`). The requesting connection
 * has its answer already.
 */
export async function announceGroupChange(ctx: RequestContext, change: GroupChange): Promise<void> {
  const { db, push, config } = ctx.services;
  const message = messageToWire(change.message);
  push.toUsers(
    [...change.memberIds, ...change.affectedIds],
    { message },
    { exceptSocketId: ctx.socketId },
  );
  // Everyone added in one change starts alike, so one state serves them all; a removal affects one user.
  const [first] = change.affectedIds;
  if (first === undefined) return;
  const state = await getConversationState(
    db,
    first,
    change.message.conversationId,
    config.syncLatestDefault,
  );
  push.toUsers(
    change.affectedIds,
    { conversationPush: { state: conversationStateToWire(state) } },
    {
      exceptSocketId: ctx.socketId,
    },
  );
}
