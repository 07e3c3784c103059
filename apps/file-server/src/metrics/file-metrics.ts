import { createMetrics, SIZE_BUCKETS_BYTES, type HttpApp, type Metrics } from '@parley/server-kit';

import { ATTACHMENT_ID_HEADER } from '../server/tus-headers.js';

const UPLOAD_ROUTES = new Set(['/v1/uploads', '/v1/uploads/:id']);
const DOWNLOAD_ROUTES = new Set(['/v1/files/:id', '/v1/files/:id/thumbnail']);

/**
 * file-server's metrics: the shared HTTP request metrics plus
 * `parley_upload_bytes_total` (bytes accepted by tus POST/PATCH, from the Upload-Offset the
 * server answered with), `parley_uploads_completed_total`, `parley_download_bytes_total{variant}`
 * and `parley_upload_size_bytes` (a histogram of finished uploads). All are read off the
 * responses, so the upload and download code carries no instrumentation. A chunk cut off
 * mid-way (the client went away) is not counted: the client sends those bytes again.
 *
 * @example
 * const metrics = createFileMetrics();
 * const app = await createHttpApp({ service: 'file-server', logger, metrics: metrics.metrics });
 * metrics.instrument(app);
 */
export function createFileMetrics(): { metrics: Metrics; instrument(app: HttpApp): void } {
  const metrics = createMetrics({ service: 'file-server' });
  const uploadBytes = metrics.counter('upload_bytes_total', 'Upload bytes accepted (tus)');
  const completed = metrics.counter('uploads_completed_total', 'Uploads that became attachments');
  const uploadSize = metrics.histogram(
    'upload_size_bytes',
    'Size of finished uploads',
    [],
    SIZE_BUCKETS_BYTES,
  );
  const downloadBytes = metrics.counter('download_bytes_total', 'Bytes served by downloads', [
    'variant',
  ]);
  downloadBytes.inc({ variant: 'original' }, 0);
  downloadBytes.inc({ variant: 'thumbnail' }, 0);

  return {
    metrics,
    instrument(app) {
      app.addHook('onResponse', async (request, reply) => {
        const route = request.routeOptions.url ?? '';
        const status = reply.statusCode;
        if (UPLOAD_ROUTES.has(route) && (request.method === 'PATCH' || request.method === 'POST')) {
          if (status !== 201 && status !== 204) return;
          const after = Number(reply.getHeader('upload-offset'));
          const before = request.method === 'POST' ? 0 : Number(request.headers['upload-offset']);
          if (Number.isSafeInteger(after) && Number.isSafeInteger(before) && after > before) {
            uploadBytes.inc(after - before);
          }
          if (reply.getHeader(ATTACHMENT_ID_HEADER) !== undefined) {
            completed.inc();
            if (Number.isSafeInteger(after)) uploadSize.observe(after);
          }
        } else if (DOWNLOAD_ROUTES.has(route) && request.method === 'GET') {
          if (status !== 200 && status !== 206) return;
          const length = Number(reply.getHeader('content-length'));
          if (Number.isSafeInteger(length) && length > 0) {
            const variant = route.endsWith('/thumbnail') ? 'thumbnail' : 'original';
            downloadBytes.inc({ variant }, length);
          }
        }
      });
    },
  };
}
