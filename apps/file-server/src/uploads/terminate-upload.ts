import { conflict } from '../errors.js';
import type { FileContext } from '../server/file-context.js';
import { requireUpload } from './require-upload.js';

/**
 * tus termination: deletes an upload and its bytes. A finished upload's attachment stays
 * (it may already be in messages); only the upload resource goes.
 */
export async function terminateUpload(
  ctx: FileContext,
  uploadId: string,
  userId: number,
): Promise<void> {
  await requireUpload(ctx, uploadId, userId);
  const release = ctx.locks.tryLock(uploadId);
  if (!release) throw conflict('another request is writing this upload');
  try {
    await ctx.uploads.remove(uploadId);
    ctx.hashes.forget(uploadId);
  } finally {
    release();
  }
}
