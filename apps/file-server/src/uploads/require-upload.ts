import { gone, notFound } from '../errors.js';
import type { FileContext } from '../server/file-context.js';
import type { UploadState } from './upload-store.js';

/**
 * The caller's upload. Someone else's upload is NOT_FOUND, exactly like a missing one, so ids
 * cannot be probed; an expired one is deleted and answered 410 Gone, as tus expiration says.
 */
export async function requireUpload(
  ctx: FileContext,
  uploadId: string,
  userId: number,
): Promise<UploadState> {
  const upload = ctx.uploads.get(uploadId);
  if (!upload || upload.ownerId !== userId) throw notFound('no such upload');
  if (upload.expiresAt <= ctx.now()) {
    // A writer holding the lock is mid-chunk and will extend the expiry; leave it be.
    const release = ctx.locks.tryLock(uploadId);
    if (release) {
      try {
        await ctx.uploads.remove(uploadId);
        ctx.hashes.forget(uploadId);
      } finally {
        release();
      }
    }
    throw gone('upload expired');
  }
  return upload;
}
