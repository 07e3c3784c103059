import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import S3rver from 's3rver';

/** A local S3 endpoint for the upload benchmark. */
export interface S3Store {
  endpoint: string;
  accessKey: string;
  secretKey: string;
  /** Where s3rver keeps the objects (removed by stop). */
  directory: string;
  stop(): Promise<void>;
}

/**
 * s3rver on a free port with its data in a temporary folder, behind the same small proxy as
 * the file-server's test harness (apps/file-server/src/testing/s3-test-server.ts): s3rver
 * answers 501 to ListMultipartUploads, which the minio client sends before a multipart upload,
 * so the proxy answers that one request with an empty list and passes everything else through.
 */
export async function startS3Store(): Promise<S3Store> {
  const directory = await mkdtemp(join(tmpdir(), 'parley-bench-s3-'));
  const s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory });
  const { port: s3Port } = await s3.run();
  const proxy = createServer((req, res) => {
    if (isListMultipartUploads(req)) {
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
    directory,
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
