import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import S3rver from 's3rver';

export interface S3TestServer {
  /** The endpoint to give the S3 client (the proxy in front of s3rver). */
  endpoint: string;
  accessKey: string;
  secretKey: string;
  /** Requests the proxy answered itself instead of s3rver (see below). */
  answeredListUploads: number;
  stop(): Promise<void>;
}

/**
 * A real S3 protocol endpoint for tests: s3rver (a local S3 implementation from npm) on a
 * free port, with its data in a temporary folder.
 *
 * s3rver answers 501 NotImplemented to ListMultipartUploads (`GET /bucket?uploads`), which the
 * minio client sends before every multipart upload to look for one to resume. A small proxy in
 * front of it answers that one request with an empty list (there is nothing to resume) and
 * passes everything else through untouched, Host header included, so signatures still verify.
 * The workaround lives here, in the test harness; the product speaks plain S3.
 */
export async function startS3TestServer(): Promise<S3TestServer> {
  const directory = await mkdtemp(join(tmpdir(), 'parley-s3rver-'));
  const s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory });
  const { port: s3Port } = await s3.run();

  const state = { answeredListUploads: 0 };
  const proxy = createServer((req, res) => {
    if (isListMultipartUploads(req)) {
      state.answeredListUploads += 1;
      emptyUploadList(req, res);
      return;
    }
    const upstream = request(
      { host: '127.0.0.1', port: s3Port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    accessKey: 'S3RVER',
    secretKey: 'S3RVER',
    get answeredListUploads() {
      return state.answeredListUploads;
    },
    async stop() {
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      await s3.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

function isListMultipartUploads(req: IncomingMessage): boolean {
  if (req.method !== 'GET') return false;
  const url = new URL(req.url ?? '/', 'http://s3');
  // Bucket level (one path segment) with ?uploads; object-level ?uploadId=... is ListParts.
  return url.searchParams.has('uploads') && url.pathname.split('/').filter(Boolean).length === 1;
}

function emptyUploadList(req: IncomingMessage, res: ServerResponse): void {
  const bucket = new URL(req.url ?? '/', 'http://s3').pathname.split('/').filter(Boolean)[0];
  res.writeHead(200, { 'content-type': 'application/xml' });
  res.end(
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
      '<ListMultipartUploadsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
      `<Bucket>${bucket ?? ''}</Bucket><KeyMarker></KeyMarker><UploadIdMarker></UploadIdMarker>` +
      '<MaxUploads>1000</MaxUploads></ListMultipartUploadsResult>',
  );
}
