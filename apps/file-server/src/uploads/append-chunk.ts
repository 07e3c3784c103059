import { open } from 'node:fs/promises';

import type { FileAttachment } from '@parley/db';

import { conflict, tooLarge } from '../errors.js';
import type { FileContext } from '../server/file-context.js';
import { finishUpload } from './finish-upload.js';
import { requireUpload } from './require-upload.js';
import type { UploadState } from './upload-store.js';

export interface AppendChunkInput {
  uploadId: string;
  userId: number;
  /** Upload-Offset: where the client believes the upload stands. */
  offset: number;
  /** Content-Length when the client sent one (null for chunked bodies). */
  contentLength: number | null;
  body: AsyncIterable<Uint8Array>;
}

export interface AppendChunkResult {
  upload: UploadState;
  /** Set when this chunk completed the upload. */
  attachment: FileAttachment | null;
}

// A chunked body that overruns Upload-Length is read this far past the end (and discarded)
// so the 413 can still reach the client; beyond it the connection is dropped.
const OVERRUN_DRAIN_BYTES = 1024 * 1024;

/**
 * Applies one tus PATCH: the bytes are written at the upload's offset, synced to disk, and
 * only then is the new offset recorded and confirmed, so a confirmed byte survives a crash.
 * When the client's connection drops mid-chunk, the bytes that did arrive are kept and the
 * client resumes after them. The last chunk finishes the upload (see finishUpload).
 *
 * Throws NOT_FOUND (no such upload of the caller), 410 Gone (expired), CONFLICT (offset is not
 * the upload's, or another request is writing it) and TOO_LARGE (the body would run past
 * Upload-Length: checked before reading when Content-Length says so, else when it happens;
 * nothing of that chunk is kept).
 */
export async function appendChunk(
  ctx: FileContext,
  input: AppendChunkInput,
): Promise<AppendChunkResult> {
  const upload = await requireUpload(ctx, input.uploadId, input.userId);
  const release = ctx.locks.tryLock(upload.id);
  if (!release) throw conflict('another request is writing this upload');
  try {
    const current = ctx.uploads.get(upload.id) ?? upload;
    if (input.offset !== current.offset) {
      throw conflict(`Upload-Offset ${input.offset} does not match the upload's ${current.offset}`);
    }
    const remaining = current.length - current.offset;
    if (input.contentLength !== null && input.contentLength > remaining) {
      throw tooLarge(`the chunk runs past Upload-Length (${remaining} bytes remain)`);
    }
    if (current.attachmentId !== null) {
      // Finished (its bytes already left for the store): only an empty PATCH makes sense.
      if (input.contentLength !== 0 && (await hasAnyByte(input.body))) {
        throw tooLarge('the upload is complete');
      }
      return { upload: current, attachment: null };
    }
    const written = await writeChunk(ctx, current, input.body, remaining);
    let state = current;
    if (written > 0) {
      state = {
        ...current,
        offset: current.offset + written,
        expiresAt: ctx.now() + ctx.settings.uploadTtlMs,
      };
      await ctx.uploads.save(state);
    }
    if (state.offset === state.length && state.attachmentId === null) {
      const attachment = await finishUpload(ctx, state);
      return { upload: ctx.uploads.get(state.id) ?? state, attachment };
    }
    return { upload: state, attachment: null };
  } finally {
    release();
  }
}

/** Writes the body at the upload's offset; returns how many bytes are now durably on disk. */
async function writeChunk(
  ctx: FileContext,
  upload: UploadState,
  body: AsyncIterable<Uint8Array>,
  remaining: number,
): Promise<number> {
  const partPath = ctx.uploads.partPath(upload.id);
  const hash = await ctx.hashes.at(upload.id, partPath, upload.offset);
  const handle = await open(partPath, 'r+');
  let written = 0;
  let overrun = 0;
  try {
    // Bytes past the confirmed offset (a chunk cut short by a crash) are not confirmed: drop them.
    await handle.truncate(upload.offset);
    const chunks = body[Symbol.asyncIterator]();
    let ended = false;
    try {
      for (;;) {
        const chunk = await nextChunk(chunks, ctx, upload.id);
        if (chunk === null) {
          ended = true;
          break;
        }
        if (overrun > 0 || written + chunk.length > remaining) {
          overrun += chunk.length;
          if (overrun > OVERRUN_DRAIN_BYTES) break;
          continue;
        }
        await handle.write(chunk, 0, chunk.length, upload.offset + written);
        hash.update(chunk);
        written += chunk.length;
      }
    } finally {
      // Leaving early (a disk error, a runaway body): stop reading the request.
      if (!ended) await chunks.return?.();
    }
    if (overrun > 0) {
      await handle.truncate(upload.offset);
      throw tooLarge('the chunk ran past Upload-Length');
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  if (written > 0) ctx.hashes.set(upload.id, upload.offset + written, hash);
  return written;
}

/** The next piece of the body, or null at its end or when the client went away mid-chunk. */
async function nextChunk(
  chunks: AsyncIterator<Uint8Array>,
  ctx: FileContext,
  uploadId: string,
): Promise<Uint8Array | null> {
  try {
    const next = await chunks.next();
    return next.done ? null : next.value;
  } catch (err) {
    // Keep what arrived, so the client resumes from there.
    ctx.logger.debug({ uploadId, err }, 'chunk cut short');
    return null;
  }
}

async function hasAnyByte(body: AsyncIterable<Uint8Array>): Promise<boolean> {
  for await (const chunk of body) if (chunk.length > 0) return true;
  return false;
}
