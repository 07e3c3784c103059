import {
  acquireRetentionLease,
  deleteMessagesBefore,
  getRetentionDays,
  releaseRetentionLease,
  type Database,
} from '@parley/db';
import type { Logger } from '@parley/server-kit';

import { auditAdmin, type AdminActor } from '../admin/audit.js';

/** What one run did. */
export interface RetentionRun {
  /** Messages deleted. */
  deleted: number;
  /** Unix ms: messages created before it were deleted; 0 when retention is off. */
  cutoff: number;
  /** true when another instance held the lease, so this run did nothing. */
  skipped: boolean;
}

export interface RetentionDeps {
  db: Database;
  logger: Logger;
  now: () => number;
}

/** Longest a run may hold the lease before another instance may take over. */
export const RETENTION_LEASE_MS = 15 * 60_000;
/**
 * Most batches per run, so a run ends well within its lease even with a large backlog (the
 * rest goes at the next run).
 */
export const RETENTION_MAX_BATCHES = 500;

/**
 * One pass of message retention: reads the `message_retention_days` setting (0: nothing to
 * do), takes the cluster-wide lease (only one login-server runs it at a time), deletes
 * messages older than the cutoff in batches (deleteMessagesBefore), appends a
 * 'retention.run' audit entry, and gives the lease back.
 *
 * @example
 * const { deleted } = await runRetention({ db, logger, now: Date.now }, { holder: 'login-1' });
 */
export async function runRetention(
  deps: RetentionDeps,
  options: { holder: string; batchSize?: number; actor?: AdminActor },
): Promise<RetentionRun> {
  const days = await getRetentionDays(deps.db);
  if (days === 0) return { deleted: 0, cutoff: 0, skipped: false };
  const start = deps.now();
  const got = await acquireRetentionLease(deps.db, {
    holder: options.holder,
    now: start,
    ttlMs: RETENTION_LEASE_MS,
  });
  if (!got) return { deleted: 0, cutoff: 0, skipped: true };
  try {
    const cutoff = start - days * 86_400_000;
    const result = await deleteMessagesBefore(deps.db, {
      cutoff: new Date(cutoff),
      maxBatches: RETENTION_MAX_BATCHES,
      ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    });
    await auditAdmin(
      deps.db,
      options.actor ?? { id: null, ip: '' },
      'retention.run',
      { type: 'messages', id: 'all' },
      {
        after: {
          retentionDays: days,
          cutoff: new Date(cutoff).toISOString(),
          deleted: result.deleted,
          batches: result.batches,
          conversations: result.conversations,
        },
        at: new Date(deps.now()),
      },
    );
    deps.logger.info(
      { deleted: result.deleted, conversations: result.conversations, days },
      'message retention ran',
    );
    return { deleted: result.deleted, cutoff, skipped: false };
  } finally {
    await releaseRetentionLease(deps.db, options.holder);
  }
}
