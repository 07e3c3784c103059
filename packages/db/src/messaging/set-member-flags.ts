import type { Database } from '../client.js';
import { Prisma } from '../generated/prisma/client.js';
import { requireMember } from './membership.js';
import { inTransaction } from './transaction.js';

/** A user's own settings of one conversation. */
export interface MemberFlags {
  muted: boolean;
  pinned: boolean;
}

/** What setMemberFlags changes: either flag, or both; an absent one is kept. */
export interface MemberFlagsChange {
  conversationId: number;
  muted?: boolean;
  pinned?: boolean;
}

/**
 * Mutes/unmutes or pins/unpins a conversation for one member (their own row only; nobody else
 * sees it). The row's version moves with the write, so the user's other devices find the
 * conversation, with its new flags, in their next sync from an older cursor. Idempotent:
 * `changed` is false when the flags already were so (and nothing is written). Throws
 * NOT_FOUND (no such conversation) or FORBIDDEN (not a member).
 *
 * @example
 * const { flags } = await setMemberFlags(db, userId, { conversationId, pinned: true });
 */
export async function setMemberFlags(
  db: Database,
  userId: number,
  change: MemberFlagsChange,
): Promise<{ flags: MemberFlags; changed: boolean }> {
  return inTransaction(db, async (tx) => {
    await requireMember(tx, change.conversationId, userId);
    const [row] = await tx.$queryRaw<MemberFlags[]>(Prisma.sql`
      SELECT muted, pinned FROM members
      WHERE conversation_id = ${change.conversationId} AND user_id = ${userId}
      FOR UPDATE`);
    const before: MemberFlags = { muted: row?.muted ?? false, pinned: row?.pinned ?? false };
    const flags: MemberFlags = {
      muted: change.muted ?? before.muted,
      pinned: change.pinned ?? before.pinned,
    };
    if (flags.muted === before.muted && flags.pinned === before.pinned) {
      return { flags, changed: false };
    }
    await tx.$executeRaw(Prisma.sql`
      UPDATE members SET muted = ${flags.muted}, pinned = ${flags.pinned}
      WHERE conversation_id = ${change.conversationId} AND user_id = ${userId}`);
    return { flags, changed: true };
  });
}
