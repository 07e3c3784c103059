import { ProtocolError, pb } from '@parley/proto';

import type { Database } from '../client.js';
import { Prisma } from '../generated/prisma/client.js';
import { appendSystemMessage } from './append-system-message.js';
import { readConversationState } from './get-conversation-state.js';
import { num } from './rows.js';
import { inTransaction } from './transaction.js';
import type { ConversationState, StoredMessage } from './types.js';

export interface CreateGroupInput {
  /** Becomes the owner and a member. */
  creatorId: number;
  /**
   * 'group_temporary': made by any user. 'group_fixed': made by admins (department or company
   * groups); the caller checks the creator's role before asking for one.
   */
  kind: 'group_temporary' | 'group_fixed';
  title: string;
  /** The other members; the creator is added whether listed or not. Duplicates are ignored. */
  memberIds: number[];
}

export interface CreateGroupResult {
  /** The group as the creator sees it. */
  state: ConversationState;
  /**
   * The group as every other member sees it (they all start alike: nothing read, the
   * "group created" message unread); null when the creator is alone.
   */
  memberState: ConversationState | null;
  /** The system message (seq 1) that opens the group. */
  message: StoredMessage;
  /** Every member, creator included, ascending: whom to tell about the new group. */
  memberIds: number[];
}

export const MAX_GROUP_TITLE = 100;
export const MAX_GROUP_MEMBERS = 2000;

/**
 * Makes a group conversation with its members, opened by a "group created" system message
 * (seq 1). Everyone joins at seq 0, so they all see the whole history. Throws BAD_REQUEST (empty or long title, too many members) and NOT_FOUND when
 * a listed member does not exist or is disabled.
 *
 * @example
 * const { state } = await createGroup(db, { creatorId: 1, kind: 'group_temporary', title: 'Launch', memberIds: [2, 3] });
 */
export async function createGroup(
  db: Database,
  input: CreateGroupInput,
  /** Newest messages to include in the returned states. */
  latest = 20,
): Promise<CreateGroupResult> {
  const title = input.title.trim();
  if (title === '' || [...title].length > MAX_GROUP_TITLE) {
    throw new ProtocolError(
      pb.ErrorCode.ERROR_CODE_BAD_REQUEST,
      `title must be 1 to ${MAX_GROUP_TITLE} characters`,
      { field: 'title' },
    );
  }
  const memberIds = [...new Set([input.creatorId, ...input.memberIds])].sort((a, b) => a - b);
  if (memberIds.length > MAX_GROUP_MEMBERS) {
    throw new ProtocolError(
      pb.ErrorCode.ERROR_CODE_BAD_REQUEST,
      `at most ${MAX_GROUP_MEMBERS} members`,
      {
        field: 'member_ids',
      },
    );
  }
  return inTransaction(db, async (tx) => {
    const [conversation] = await tx.$queryRaw<{ id: number }[]>(Prisma.sql`
      INSERT INTO conversations (kind, title, owner_id)
      VALUES (${input.kind}::"ConversationKind", ${title}, ${input.creatorId}) RETURNING id`);
    if (!conversation) throw new Error('insert into conversations returned nothing');
    const id = num(conversation.id);
    const added = await tx.$executeRaw(Prisma.sql`
      INSERT INTO members (conversation_id, user_id, role)
      SELECT ${id}, u.id, (CASE WHEN u.id = ${input.creatorId} THEN 'owner' ELSE 'member' END)::"MemberRole"
      FROM users u WHERE u.id = ANY(${memberIds}::int[]) AND u.status = 'active'`);
    if (added !== memberIds.length) {
      throw new ProtocolError(
        pb.ErrorCode.ERROR_CODE_NOT_FOUND,
        'some members do not exist or are disabled',
        { field: 'member_ids' },
      );
    }
    const message = await appendSystemMessage(tx, id, input.creatorId, {
      kind: 'group_created',
      userIds: memberIds.filter((m) => m !== input.creatorId),
      title,
    });
    const state = await readConversationState(tx, input.creatorId, id, latest);
    const other = memberIds.find((m) => m !== input.creatorId);
    const memberState =
      other === undefined ? null : await readConversationState(tx, other, id, latest);
    return { state, memberState, message, memberIds };
  });
}
