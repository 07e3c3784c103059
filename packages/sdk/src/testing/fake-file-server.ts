/**
 * Test doubles of the file-server for SDK unit tests (the real server is tested in
 * apps/file-server, with the stock tus-js-client too).
 */
import { pb } from '@parley/proto';

import type { FetchLike } from '../http/login-api.js';

interface FakeUpload {
  length: number;
  bytes: Uint8Array;
  offset: number;
  name: string;
  attachmentId: number | null;
}

/**
 * A tus 1.0 endpoint in memory, faithful where the client's logic depends on it (offsets,
 * 409 on a wrong one, HEAD, termination, the attachment of a finished upload), with knobs to
 * break the network the way phones do. The real file-server is tested with the stock
 * tus-js-client in apps/file-server.
 */
export class FakeFileServer {
  readonly uploads = new Map<string, FakeUpload>();
  readonly known = new Map<string, pb.IAttachment>();
  readonly log: string[] = [];
  readonly tokens: string[] = [];
  /** The next PATCH takes this many bytes, then the connection drops. */
  dropNextPatchAfter: number | null = null;
  /** PATCHes hang until aborted. */
  hold = false;
  /** Every request fails at the network level. */
  down = false;
  /** Status for the next POST /v1/uploads. */
  failCreate: number | null = null;
  /** Answer 401 to this many requests. */
  unauthorized = 0;
  /** What the "sniffing" says every finished upload is. */
  mime = 'application/octet-stream';
  /** Lifetime of the links POST /v1/{files,avatars}/{id}/link hands out. */
  linkTtlMs = 300_000;
  private nextId = 1;

  fetch: FetchLike = async (input, init = {}) => {
    const url = new URL(input);
    const method = init.method ?? 'GET';
    const headers = init.headers as Record<string, string>;
    this.log.push(`${method} ${url.pathname}`);
    this.tokens.push(headers.Authorization ?? '');
    if (this.down) throw new TypeError('fetch failed');
    if (this.unauthorized > 0) {
      this.unauthorized -= 1;
      return status(401);
    }
    const id = /^\/v1\/uploads\/(\w+)/.exec(url.pathname)?.[1] ?? '';
    const upload = this.uploads.get(id);
    if (method === 'POST' && url.pathname === '/v1/files/check') {
      const req = pb.CheckFileRequest.decode(await bytes(init.body));
      const attachment = this.known.get(`${req.sha256}:${req.size}`);
      return protobuf(
        pb.CheckFileResponse.encode({ ...(attachment ? { attachment } : {}) }).finish(),
      );
    }
    const link = /^\/v1\/(files|avatars)\/(\d+)\/link$/.exec(url.pathname);
    if (method === 'POST' && link) {
      const expiresAt = Date.now() + this.linkTtlMs;
      const at = `${url.origin}/v1/${link[1]}/${link[2]}`;
      return protobuf(
        pb.FileLink.encode({
          url: `${at}?exp=${expiresAt}`,
          thumbnailUrl: `${at}/thumbnail?exp=${expiresAt}`,
          expiresAt,
        }).finish(),
      );
    }
    if (
      url.pathname.startsWith('/v1/uploads') &&
      headers['Tus-Resumable'] !== '1.0.0' &&
      !url.pathname.endsWith('/attachment')
    ) {
      return status(412);
    }
    if (method === 'POST' && url.pathname === '/v1/uploads') {
      if (this.failCreate) return status(this.failCreate);
      const length = Number(headers['Upload-Length']);
      const [, value = ''] = (headers['Upload-Metadata'] ?? '').split(' ');
      const newId = `u${this.nextId++}`;
      const created: FakeUpload = {
        length,
        bytes: new Uint8Array(length),
        offset: 0,
        name: Buffer.from(value, 'base64').toString('utf8'),
        attachmentId: length === 0 ? 99 : null,
      };
      this.uploads.set(newId, created);
      return status(201, { Location: `/v1/uploads/${newId}`, 'Upload-Offset': '0' });
    }
    if (!upload) return status(404);
    if (method === 'HEAD') return status(200, { 'Upload-Offset': String(upload.offset) });
    if (method === 'DELETE') {
      this.uploads.delete(id);
      return status(204);
    }
    if (method === 'GET' && url.pathname.endsWith('/attachment')) {
      if (upload.attachmentId === null) return status(409);
      return protobuf(
        pb.Attachment.encode({
          id: upload.attachmentId,
          name: upload.name,
          size: upload.length,
          mime: this.mime,
        }).finish(),
      );
    }
    if (method === 'PATCH') {
      if (Number(headers['Upload-Offset']) !== upload.offset) return status(409);
      const body = await bytes(init.body);
      if (this.hold) {
        await new Promise((_, reject) =>
          init.signal?.addEventListener('abort', () =>
            reject(new DOMException('aborted', 'AbortError')),
          ),
        );
      }
      const take = this.dropNextPatchAfter ?? body.length;
      upload.bytes.set(body.subarray(0, take), upload.offset);
      upload.offset += take;
      if (this.dropNextPatchAfter !== null) {
        this.dropNextPatchAfter = null;
        throw new TypeError('network connection lost');
      }
      if (upload.offset === upload.length) upload.attachmentId = 42;
      return status(204, { 'Upload-Offset': String(upload.offset) });
    }
    return status(405);
  };

  count(request: string): number {
    return this.log.filter((l) => l === request).length;
  }
}

export function status(code: number, headers: Record<string, string> = {}): Response {
  return new Response(null, { status: code, headers });
}

export function protobuf(body: Uint8Array): Response {
  return new Response(body, { status: 200, headers: { 'content-type': 'application/x-protobuf' } });
}

export async function bytes(body: unknown): Promise<Uint8Array> {
  return new Uint8Array(
    await new Response(body as ConstructorParameters<typeof Response>[0]).arrayBuffer(),
  );
}
