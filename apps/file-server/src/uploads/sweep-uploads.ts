import type { FileContext } from '../server/file-context.js';

/**
 * tus expiration: deletes uploads whose time ran out (unfinished ones with their bytes, and
 * the leftover state of finished ones). Uploads being written are skipped. Returns how many
 * went.
 */
export async function sweepUploads(ctx: FileContext): Promise<number> {
  const now = ctx.now();
  let removed = 0;
  for (const upload of ctx.uploads.all()) {
    if (upload.expiresAt > now) continue;
    const release = ctx.locks.tryLock(upload.id);
    if (!release) continue;
    try {
      await ctx.uploads.remove(upload.id);
      ctx.hashes.forget(upload.id);
      removed += 1;
    } finally {
      release();
    }
  }
  return removed;
}
