import { getStorageUsage, type FileAttachment } from '@parley/db';
import { randomBytes } from 'node:crypto';

import { badRequest, forbidden, tooLarge } from '../errors.js';
import { sanitizeFilename } from '../names/sanitize-filename.js';
import type { FileContext } from '../server/file-context.js';
import { finishUpload } from './finish-upload.js';
import type { UploadState } from './upload-store.js';

export interface CreateUploadInput {
  ownerId: number;
  /** Upload-Length. */
  length: number;
  /** The filename the client gave (any string: it is sanitised here). */
  filename: string;
  /** The raw Upload-Metadata header, kept to echo on HEAD. */
  metadata: string;
}

export interface CreateUploadResult {
  upload: UploadState;
  /** Set when the upload is already complete (an empty file). */
  attachment: FileAttachment | null;
}

/**
 * Starts a tus upload after checking, before any byte arrives, that the file fits the
 * per-file maximum and the owner's quota (what they store plus what their unfinished uploads
 * have reserved). A user's creations run one at a time, so parallel requests cannot overbook.
 * A zero-length upload is complete at once.
 *
 * Throws BAD_REQUEST (length not a non-negative integer), TOO_LARGE (over the maximum or the
 * quota) or FORBIDDEN (unknown or disabled user).
 */
export async function createUpload(
  ctx: FileContext,
  input: CreateUploadInput,
): Promise<CreateUploadResult> {
  const { length, ownerId } = input;
  if (!Number.isSafeInteger(length) || length < 0) {
    throw badRequest('Upload-Length must be a non-negative integer', 'upload_length');
  }
  if (length > ctx.settings.maxFileBytes) {
    throw tooLarge(`file is larger than the ${ctx.settings.maxFileBytes} byte limit`);
  }
  const upload = await ctx.locks.run(`user:${ownerId}`, async () => {
    const usage = await getStorageUsage(ctx.db, ownerId);
    if (!usage.active) throw forbidden('this account may not upload');
    const now = ctx.now();
    const reserved = ctx.uploads
      .all()
      .filter((u) => u.ownerId === ownerId && u.attachmentId === null && u.expiresAt > now)
      .reduce((sum, u) => sum + u.length, 0);
    if (usage.usedBytes + reserved + length > ctx.settings.userQuotaBytes) {
      throw tooLarge(
        `storage quota exceeded: ${usage.usedBytes + reserved} of ${ctx.settings.userQuotaBytes} bytes in use`,
      );
    }
    const state: UploadState = {
      id: randomBytes(16).toString('hex'),
      ownerId,
      length,
      offset: 0,
      name: sanitizeFilename(input.filename),
      metadata: input.metadata,
      createdAt: now,
      expiresAt: now + ctx.settings.uploadTtlMs,
      attachmentId: null,
    };
    await ctx.uploads.create(state);
    return state;
  });
  if (length > 0) return { upload, attachment: null };
  const attachment = await finishUpload(ctx, upload);
  return { upload: ctx.uploads.get(upload.id) ?? upload, attachment };
}
