import { getAttachment, type FileAttachment } from '@parley/db';

import { conflict, notFound } from '../errors.js';
import type { FileContext } from '../server/file-context.js';
import { finishUpload } from './finish-upload.js';
import { requireUpload } from './require-upload.js';

/**
 * The attachment a finished upload became. An upload whose bytes are all in but whose
 * finishing failed (say the object store was down) is finished now. CONFLICT while bytes are
 * missing.
 */
export async function getUploadAttachment(
  ctx: FileContext,
  uploadId: string,
  userId: number,
): Promise<FileAttachment> {
  const upload = await requireUpload(ctx, uploadId, userId);
  if (upload.attachmentId !== null) {
    const attachment = await getAttachment(ctx.db, upload.attachmentId);
    if (!attachment) throw notFound('the attachment of this upload is gone');
    return attachment;
  }
  if (upload.offset < upload.length) {
    throw conflict(`upload incomplete: ${upload.offset} of ${upload.length} bytes received`);
  }
  const release = ctx.locks.tryLock(upload.id);
  if (!release) throw conflict('the upload is being finished');
  try {
    return await finishUpload(ctx, ctx.uploads.get(upload.id) ?? upload);
  } finally {
    release();
  }
}
