/**
 * Temporary groups: create, add and remove members, rename, leave. The SDK has no methods for
 * these yet, so they go as raw frames through `client.request`; a sync afterwards brings the
 * change (and the group's system message) into this client's store.
 */
import type { ParleyClient } from '@parley/sdk';

/**
 * Creates a temporary group with the caller as owner; resolves with its conversation id.
 *
 * @example
 * const id = await createGroup(client, 'Launch', [bob.id, carol.id]);
 */
export async function createGroup(
  client: ParleyClient,
  title: string,
  memberIds: number[],
): Promise<number> {
  const reply = await client.request({ createGroup: { title, memberIds, fixed: false } });
  const id = Number(reply.conversationResult?.state?.conversation?.id ?? 0);
  await client.sync();
  if (!id) throw new Error('The server did not return the new group.');
  return id;
}

/**
 * Adds people to a group.
 *
 * @example
 * await addMembers(client, groupId, [dave.id]);
 */
export async function addMembers(
  client: ParleyClient,
  conversationId: number,
  userIds: number[],
): Promise<void> {
  await client.request({ addMembers: { conversationId, userIds } });
  await client.sync();
}

/**
 * Removes a member; with the caller's own id, leaves the group.
 *
 * @example
 * await removeMember(client, groupId, bob.id);
 */
export async function removeMember(
  client: ParleyClient,
  conversationId: number,
  userId: number,
): Promise<void> {
  await client.request({ removeMember: { conversationId, userId } });
  await client.sync();
}

/**
 * Renames a group.
 *
 * @example
 * await renameGroup(client, groupId, 'Launch week');
 */
export async function renameGroup(
  client: ParleyClient,
  conversationId: number,
  title: string,
): Promise<void> {
  await client.request({ renameGroup: { conversationId, title } });
  await client.sync();
}
