import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';

import {
  findStoredObject,
  recordAttachment,
  type FileAttachment,
  type StoredObjectInfo,
} from '@parley/db';

import { readImage } from '../media/read-image.js';
import { isThumbnailable, SNIFF_BYTES, sniffType } from '../media/sniff-type.js';
import type { FileContext } from '../server/file-context.js';
import { objectKeyFor, thumbnailKeyFor } from '../storage/object-storage.js';
import type { UploadState } from './upload-store.js';

/**
 * Turns a fully received upload into an attachment: the sha256 (kept running while chunks
 * arrived), and unless those bytes are already stored, the sniffed type, the image's size and
 * thumbnail, and the object itself in the store; then the attachment row, and the part file
 * goes. Identical content is therefore stored once and "uploaded" again instantly.
 *
 * Safe to run again after a failure at any step (the store's put replaces, the object row is
 * insert-if-absent). The caller holds the upload's lock.
 */
export async function finishUpload(ctx: FileContext, upload: UploadState): Promise<FileAttachment> {
  const partPath = ctx.uploads.partPath(upload.id);
  const sha256 = (await ctx.hashes.at(upload.id, partPath, upload.length)).digest('hex');
  const object =
    (await findStoredObject(ctx.db, sha256)) ?? (await storeObject(ctx, partPath, sha256, upload));
  const attachment = await recordAttachment(ctx.db, {
    ownerId: upload.ownerId,
    name: upload.name,
    object,
  });
  // Kept a while after completion, so a client that missed the last response can still HEAD
  // the upload and fetch its attachment.
  await ctx.uploads.save({
    ...upload,
    attachmentId: attachment.id,
    expiresAt: ctx.now() + ctx.settings.uploadTtlMs,
  });
  await ctx.uploads.removePart(upload.id);
  ctx.hashes.forget(upload.id);
  ctx.logger.debug(
    { uploadId: upload.id, attachmentId: attachment.id, size: upload.length, mime: object.mime },
    'upload finished',
  );
  return attachment;
}

async function storeObject(
  ctx: FileContext,
  partPath: string,
  sha256: string,
  upload: UploadState,
): Promise<StoredObjectInfo> {
  const mime = sniffType(await readHead(partPath, SNIFF_BYTES));
  const image = isThumbnailable(mime)
    ? await readImage(partPath, ctx.settings.thumbnailSize)
    : null;
  const objectKey = objectKeyFor(sha256);
  await ctx.storage.putFile(objectKey, partPath, { size: upload.length, contentType: mime });
  let thumbnailKey: string | null = null;
  if (image) {
    thumbnailKey = thumbnailKeyFor(sha256);
    await ctx.storage.put(thumbnailKey, Readable.from([image.thumbnail]), {
      size: image.thumbnail.length,
      contentType: 'image/webp',
    });
  }
  return {
    sha256,
    objectKey,
    size: upload.length,
    mime,
    width: image?.width ?? null,
    height: image?.height ?? null,
    thumbnailKey,
  };
}

async function readHead(path: string, bytes: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
