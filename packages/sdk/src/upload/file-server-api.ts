import { ProtocolError, pb } from '@parley/proto';

import { networkError } from '../errors/client-errors.js';
import type { FetchLike } from '../http/login-api.js';
import { toAttachmentInfo } from './attachment-info.js';
import { base64Utf8 } from './encoding.js';
import { bytesOf, errorOf } from '../http/http-errors.js';
import type { AttachmentInfo } from './types.js';

const PROTOBUF = 'application/x-protobuf';
const TUS = { 'Tus-Resumable': '1.0.0' };

/**
 * The file-server calls an upload makes: tus (create, offset, chunk, terminate) plus Parley's
 * dedupe check and the attachment of a finished upload. Failures are ProtocolErrors; network
 * failures and aborts come out as UNAVAILABLE.
 */
export interface FileServerApi {
  check(sha256: string, size: number, name: string): Promise<AttachmentInfo | null>;
  /** POST: a new upload; resolves with its absolute URL. */
  create(length: number, name: string): Promise<string>;
  /** HEAD: the upload's offset. */
  offset(url: string, signal?: AbortSignal): Promise<number>;
  /** PATCH one chunk; resolves with the new offset. */
  patch(
    url: string,
    offset: number,
    chunk: Blob | Uint8Array,
    signal: AbortSignal,
  ): Promise<number>;
  terminate(url: string): Promise<void>;
  attachment(url: string): Promise<AttachmentInfo>;
}

export function createFileServerApi(options: {
  baseUrl: string;
  token: () => Promise<string>;
  fetch: FetchLike;
  /** Per-request deadline: timeoutMs plus the body's bytes at minBytesPerSecond. */
  timeoutMs?: number;
  minBytesPerSecond?: number;
}): FileServerApi {
  const base = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 30_000;
  const minBytesPerSecond = options.minBytesPerSecond ?? 16 * 1024;
  const send = async (
    url: string,
    init: RequestInit & { headers: Record<string, string> },
    bodyBytes = 0,
  ) => {
    const headers = { ...init.headers, Authorization: `Bearer ${await options.token()}` };
    const deadline = AbortSignal.timeout(
      Math.ceil(timeoutMs + (bodyBytes / minBytesPerSecond) * 1000),
    );
    const signal = init.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    let response: Response;
    try {
      response = await options.fetch(url, { ...init, headers, signal });
    } catch (err) {
      throw networkError(err);
    }
    if (!response.ok) throw await errorOf(response);
    return response;
  };
  const offsetOf = (response: Response) => {
    const value = Number(response.headers.get('Upload-Offset'));
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new ProtocolError(pb.ErrorCode.ERROR_CODE_INTERNAL, 'no Upload-Offset in response');
    }
    return value;
  };

  return {
    async check(sha256, size, name) {
      const response = await send(`${base}/v1/files/check`, {
        method: 'POST',
        headers: { 'Content-Type': PROTOBUF, Accept: PROTOBUF },
        body: exactBuffer(pb.CheckFileRequest.encode({ sha256, size, name }).finish()),
      });
      const { attachment } = pb.CheckFileResponse.decode(await bytesOf(response));
      return attachment ? toAttachmentInfo(attachment) : null;
    },
    async create(length, name) {
      const response = await send(`${base}/v1/uploads`, {
        method: 'POST',
        headers: {
          ...TUS,
          'Upload-Length': String(length),
          'Upload-Metadata': `filename ${base64Utf8(name)}`,
        },
      });
      const location = response.headers.get('Location');
      if (!location) throw new ProtocolError(pb.ErrorCode.ERROR_CODE_INTERNAL, 'no Location');
      return new URL(location, `${base}/`).toString();
    },
    async offset(url, signal) {
      return offsetOf(
        await send(url, { method: 'HEAD', headers: { ...TUS }, ...(signal ? { signal } : {}) }),
      );
    },
    async patch(url, offset, chunk, signal) {
      const response = await send(
        url,
        {
          method: 'PATCH',
          headers: {
            ...TUS,
            'Upload-Offset': String(offset),
            'Content-Type': 'application/offset+octet-stream',
          },
          body: chunk instanceof Uint8Array ? exactBuffer(chunk) : chunk,
          signal,
        },
        chunk instanceof Uint8Array ? chunk.byteLength : chunk.size,
      );
      return offsetOf(response);
    },
    async terminate(url) {
      await send(url, { method: 'DELETE', headers: { ...TUS } });
    },
    async attachment(url) {
      const response = await send(`${url}/attachment`, {
        method: 'GET',
        headers: { Accept: PROTOBUF },
      });
      return toAttachmentInfo(pb.Attachment.decode(await bytesOf(response)));
    },
  };
}

/** An ArrayBuffer holding exactly the view's bytes (a view's buffer may be larger). */
function exactBuffer(view: Uint8Array): ArrayBuffer {
  return view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength) as ArrayBuffer;
}

export { toAttachmentInfo } from './attachment-info.js';
export { errorOf } from '../http/http-errors.js';
