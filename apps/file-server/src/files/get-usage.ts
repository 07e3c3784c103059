import { getStorageUsage } from '@parley/db';
import { pb } from '@parley/proto';

import type { FileContext } from '../server/file-context.js';

/** The caller's stored bytes (unfinished uploads included) against their limits. */
export async function getUsage(ctx: FileContext, userId: number): Promise<pb.FileUsage> {
  const { usedBytes } = await getStorageUsage(ctx.db, userId);
  const now = ctx.now();
  const reserved = ctx.uploads
    .all()
    .filter((u) => u.ownerId === userId && u.attachmentId === null && u.expiresAt > now)
    .reduce((sum, u) => sum + u.length, 0);
  return pb.FileUsage.create({
    usedBytes: usedBytes + reserved,
    quotaBytes: ctx.settings.userQuotaBytes,
    maxFileBytes: ctx.settings.maxFileBytes,
  });
}
