import type { Readable } from 'node:stream';

import { canSeeAttachment, getAttachment } from '@parley/db';

import { forbidden, notFound } from '../errors.js';
import { isInlineType } from '../media/sniff-type.js';
import type { FileContext } from '../server/file-context.js';
import { contentDisposition } from './content-disposition.js';
import { verifyLink, type FileVariant } from './link-signature.js';
import { parseRange } from './parse-range.js';
import type { RequestAccess } from '../server/request-access.js';

/** How the caller proves access (see server/request-access.ts). */
export type DownloadAccess = RequestAccess;

export interface DownloadRequest {
  attachmentId: number;
  variant: FileVariant;
  access: DownloadAccess;
  /** The Range header. */
  range?: string | undefined;
  /** The If-Range header: a range is honoured only while the ETag still matches. */
  ifRange?: string | undefined;
  /** HEAD: headers only, no bytes read from the store. */
  headOnly: boolean;
}

export type DownloadResult =
  | { kind: 'redirect'; url: string }
  | {
      kind: 'bytes';
      status: 200 | 206 | 416;
      headers: Record<string, string>;
      body: Readable | null;
    };

/**
 * Serves an attachment's original or thumbnail: checks the link (signature, expiry) or the
 * user's right to see it, then answers with the sniffed type, a sanitised
 * Content-Disposition, nosniff, and one byte range when asked (206, or 416 past the end). An
 * S3 store configured for direct downloads gets a redirect to a presigned URL instead.
 *
 * Throws FORBIDDEN (bad or expired link, or not allowed) and NOT_FOUND (no such attachment,
 * or no thumbnail).
 */
export async function openDownload(
  ctx: FileContext,
  request: DownloadRequest,
): Promise<DownloadResult> {
  const { attachmentId, variant, access } = request;
  if (access.kind === 'link') {
    if (!verifyLink(ctx.linkSecret, attachmentId, variant, access.expiresAt, access.signature)) {
      throw forbidden('invalid download link');
    }
    if (access.expiresAt <= ctx.now()) throw forbidden('download link expired');
  }
  const attachment = await getAttachment(ctx.db, attachmentId);
  if (!attachment) throw notFound('no such attachment');
  if (access.kind === 'user' && !(await canSeeAttachment(ctx.db, access.userId, attachmentId))) {
    throw forbidden('not allowed to see this attachment');
  }

  const thumbnail = variant === 'thumbnail';
  const key = thumbnail ? attachment.thumbnailKey : attachment.objectKey;
  if (!key) throw notFound('this attachment has no thumbnail');
  const mime = thumbnail ? 'image/webp' : attachment.mime;
  const disposition = contentDisposition(
    isInlineType(mime) ? 'inline' : 'attachment',
    thumbnail ? `${attachment.name}.thumbnail.webp` : attachment.name,
  );
  const remainingSeconds =
    access.kind === 'link' ? Math.max(0, Math.floor((access.expiresAt - ctx.now()) / 1000)) : 0;

  const direct = await ctx.storage.directLink(key, {
    expiresInSeconds: Math.max(60, remainingSeconds),
    contentType: mime,
    contentDisposition: disposition,
  });
  if (direct) return { kind: 'redirect', url: direct };

  const size = thumbnail ? ((await ctx.storage.stat(key))?.size ?? null) : attachment.size;
  if (size === null) throw notFound('the thumbnail is missing from the store');
  const etag = `"${attachment.sha256}${thumbnail ? '-thumbnail' : ''}"`;
  const headers: Record<string, string> = {
    'content-type': mime,
    'content-disposition': disposition,
    'x-content-type-options': 'nosniff',
    'accept-ranges': 'bytes',
    etag,
    // Content never changes under an id; a link's response may be cached until it expires.
    'cache-control':
      access.kind === 'link' ? `private, max-age=${remainingSeconds}` : 'private, no-cache',
  };

  const wanted =
    request.ifRange !== undefined && request.ifRange !== etag
      ? ({ kind: 'full' } as const)
      : parseRange(request.range, size);
  if (wanted.kind === 'unsatisfiable') {
    return {
      kind: 'bytes',
      status: 416,
      headers: { ...headers, 'content-range': `bytes */${size}`, 'content-length': '0' },
      body: null,
    };
  }
  if (wanted.kind === 'partial') {
    const { start, end } = wanted.range;
    return {
      kind: 'bytes',
      status: 206,
      headers: {
        ...headers,
        'content-range': `bytes ${start}-${end}/${size}`,
        'content-length': String(end - start + 1),
      },
      body: request.headOnly ? null : await ctx.storage.get(key, wanted.range),
    };
  }
  return {
    kind: 'bytes',
    status: 200,
    headers: { ...headers, 'content-length': String(size) },
    // An empty object needs no store round trip.
    body: request.headOnly || size === 0 ? null : await ctx.storage.get(key),
  };
}
