import type { Database } from '../client.js';
import { Prisma } from '../generated/prisma/client.js';
import { getSetting } from '../accounts/settings.js';
import { inTransaction } from '../messaging/transaction.js';

/** Setting: messages older than this many days are deleted by the retention job; 0 keeps all. */
export const SETTING_RETENTION_DAYS = 'message_retention_days';
/** Setting row that holds the retention job's lease (who runs it, until when). */
const LEASE_KEY = 'retention_lease';

/** The retention setting in whole days; 0 (the default, and for anything unusable) keeps all. */
export async function getRetentionDays(db: Database): Promise<number> {
  const value = await getSetting(db, SETTING_RETENTION_DAYS);
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : 0;
}

/**
 * Takes the retention job's lease for `holder` until `now + ttlMs`, unless another holder's
 * lease is still running. The check-and-set runs under a transaction-level advisory lock
 * (pg_try_advisory_xact_lock), so two instances cannot both take it; the lease then outlives
 * that short transaction, so the job's batches commit one by one (a long transaction would
 * hold every client's sync cursor back) while still only one instance runs it. A crashed
 * holder's lease simply expires.
 *
 * @returns true when `holder` now holds the lease.
 */
export async function acquireRetentionLease(
  db: Database,
  input: { holder: string; now: number; ttlMs: number },
): Promise<boolean> {
  return db.prisma.$transaction(async (tx) => {
    const [lock] = await tx.$queryRaw<{ ok: boolean }[]>(
      Prisma.sql`SELECT pg_try_advisory_xact_lock(hashtext('parley.retention')) AS ok`,
    );
    if (!lock?.ok) return false;
    const row = await tx.setting.findUnique({ where: { key: LEASE_KEY } });
    const lease = (row?.value ?? null) as { holder?: unknown; until?: unknown } | null;
    if (
      lease &&
      lease.holder !== input.holder &&
      typeof lease.until === 'number' &&
      lease.until > input.now
    ) {
      return false;
    }
    const value = { holder: input.holder, until: input.now + input.ttlMs };
    await tx.setting.upsert({
      where: { key: LEASE_KEY },
      create: { key: LEASE_KEY, value },
      update: { value },
    });
    return true;
  });
}

/** Gives the lease back early (only when `holder` still holds it). */
export async function releaseRetentionLease(db: Database, holder: string): Promise<void> {
  await db.prisma.$executeRaw(Prisma.sql`
    DELETE FROM settings WHERE key = ${LEASE_KEY} AND value->>'holder' = ${holder}`);
}

/** What one retention pass deleted. */
export interface RetentionResult {
  deleted: number;
  batches: number;
  /** Conversations that lost messages. */
  conversations: number;
}

/**
 * Deletes every message created before `cutoff`, oldest first, `batchSize` per transaction
 * (each batch commits on its own, so locks stay short and sync cursors keep moving). Reactions,
 * hidden-message marks and attachment links go with their messages (ON DELETE CASCADE); the
 * uploaded files themselves stay.
 *
 * What stays consistent: `conversations.last_seq` is untouched, so sequence numbers are never
 * reused and new messages continue the sequence; members whose read position was below a
 * deleted message move up to it (deleted messages are not unread), in the same transaction.
 * Only a conversation's oldest messages go, so its history simply starts later: a sync returns
 * the newest messages that remain, and paging back with `history` ends at the first kept one.
 * A reply whose quoted message was deleted keeps its `reply_to_id` (clients show it as gone).
 *
 * @example
 * await deleteMessagesBefore(db, { cutoff: new Date(Date.now() - 90 * 86_400_000) });
 */
export async function deleteMessagesBefore(
  db: Database,
  input: { cutoff: Date; batchSize?: number; maxBatches?: number },
): Promise<RetentionResult> {
  const batchSize = input.batchSize ?? 1000;
  const maxBatches = input.maxBatches ?? Number.POSITIVE_INFINITY;
  const conversations = new Set<number>();
  let deleted = 0;
  let batches = 0;
  while (batches < maxBatches) {
    const gone = await inTransaction(db, async (tx) => {
      const rows = await tx.$queryRaw<{ conversation_id: number; max_seq: bigint; n: bigint }[]>(
        Prisma.sql`
        WITH doomed AS (
          SELECT id FROM messages WHERE created_at < ${input.cutoff}
          ORDER BY created_at, id LIMIT ${batchSize} FOR UPDATE SKIP LOCKED),
        gone AS (
          DELETE FROM messages m USING doomed WHERE m.id = doomed.id
          RETURNING m.conversation_id, m.seq)
        SELECT conversation_id, max(seq) AS max_seq, count(*) AS n FROM gone
        GROUP BY conversation_id`,
      );
      // A deleted message cannot stay unread: read positions move past it (which also moves
      // the members' sync version, so clients get the new unread counts at their next sync).
      for (const r of rows) {
        await tx.$executeRaw(Prisma.sql`
          UPDATE members SET read_seq = ${r.max_seq}
          WHERE conversation_id = ${r.conversation_id} AND read_seq < ${r.max_seq}`);
      }
      return rows;
    });
    const count = gone.reduce((sum, r) => sum + Number(r.n), 0);
    if (count === 0) break;
    batches += 1;
    deleted += count;
    for (const r of gone) conversations.add(Number(r.conversation_id));
    if (count < batchSize) break;
  }
  return { deleted, batches, conversations: conversations.size };
}
