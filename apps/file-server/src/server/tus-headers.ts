import { pb } from '@parley/proto';
import type { FastifyRequest } from 'fastify';

import { badRequest, StatusError } from '../errors.js';
import type { UploadState } from '../uploads/upload-store.js';

export const TUS_VERSION = '1.0.0';
export const TUS_EXTENSIONS = 'creation,creation-with-upload,termination,expiration';
/** The media type of tus PATCH bodies. */
export const OFFSET_OCTET_STREAM = 'application/offset+octet-stream';
/** Response header naming the attachment a finished upload became. */
export const ATTACHMENT_ID_HEADER = 'parley-attachment-id';

const DIGITS = /^\d{1,16}$/;
const MAX_METADATA_LENGTH = 4096;

/** Every tus request but OPTIONS names the protocol version; only 1.0.0 is spoken (412). */
export function requireTusVersion(request: FastifyRequest): void {
  if (request.headers['tus-resumable'] !== TUS_VERSION) {
    throw new StatusError(
      412,
      pb.ErrorCode.ERROR_CODE_UNSUPPORTED,
      `Tus-Resumable must be ${TUS_VERSION}`,
    );
  }
}

/** A non-negative integer header (Upload-Length, Upload-Offset); BAD_REQUEST otherwise. */
export function integerHeader(request: FastifyRequest, name: string): number {
  const raw = request.headers[name];
  if (typeof raw !== 'string' || !DIGITS.test(raw) || !Number.isSafeInteger(Number(raw))) {
    throw badRequest(`${name} must be a non-negative integer`, name);
  }
  return Number(raw);
}

/** Content-Length when the client sent one, else null (chunked). */
export function contentLength(request: FastifyRequest): number | null {
  const raw = request.headers['content-length'];
  return typeof raw === 'string' && DIGITS.test(raw) ? Number(raw) : null;
}

/**
 * Upload-Metadata: comma-separated `key base64value` pairs (the value may be absent). Values
 * are decoded as UTF-8. Malformed pairs, duplicate keys or an oversized header: BAD_REQUEST.
 *
 * @example
 * parseMetadata('filename d29ybGRfZG9taW5hdGlvbl9wbGFuLnBkZg==,is_confidential');
 * // Map { 'filename' => 'world_domination_plan.pdf', 'is_confidential' => '' }
 */
export function parseMetadata(header: string | undefined): Map<string, string> {
  const result = new Map<string, string>();
  if (header === undefined || header.trim() === '') return result;
  if (header.length > MAX_METADATA_LENGTH) throw badRequest('Upload-Metadata is too long');
  for (const pair of header.split(',')) {
    const match = /^\s*([^\s,]+)(?: ([A-Za-z0-9+/]*={0,2}))?\s*$/.exec(pair);
    const key = match?.[1];
    if (!match || !key || result.has(key)) throw badRequest('malformed Upload-Metadata');
    result.set(key, Buffer.from(match[2] ?? '', 'base64').toString('utf8'));
  }
  return result;
}

/** The headers that describe an upload's progress (HEAD, PATCH and POST responses). */
export function uploadHeaders(upload: UploadState): Record<string, string> {
  return {
    'upload-offset': String(upload.offset),
    'upload-expires': new Date(upload.expiresAt).toUTCString(),
    ...(upload.attachmentId !== null
      ? { [ATTACHMENT_ID_HEADER]: String(upload.attachmentId) }
      : {}),
  };
}
