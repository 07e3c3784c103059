import type { FastifyInstance } from 'fastify';

/** Headers a browser client must be able to read: tus's, ours, and the download ones. */
const EXPOSED_HEADERS = [
  'Location',
  'Upload-Offset',
  'Upload-Length',
  'Upload-Metadata',
  'Upload-Expires',
  'Tus-Resumable',
  'Tus-Version',
  'Tus-Extension',
  'Tus-Max-Size',
  'Parley-Attachment-Id',
  'Content-Range',
  'Content-Disposition',
  'Accept-Ranges',
  'Retry-After',
].join(', ');

const METHODS = 'GET, HEAD, POST, PATCH, DELETE, OPTIONS';

/**
 * CORS for the file-server. server-kit's preset allows GET/HEAD/POST and exposes Retry-After
 * only, and answers every OPTIONS as a preflight; tus needs PATCH and DELETE, readable
 * Upload-Offset/Location headers, and a plain OPTIONS that describes the server. Preflights
 * (OPTIONS with Access-Control-Request-Method) are answered here; a plain OPTIONS reaches the
 * tus route. As in server-kit, any origin is safe to allow: authentication is a bearer header
 * or a signed URL, never a cookie.
 */
export function installCors(app: FastifyInstance, origins: string[] | boolean = true): void {
  const allowed = (origin: string) =>
    origins === true || (Array.isArray(origins) && origins.includes(origin));
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (!origin || !allowed(origin)) return;
    reply.header('access-control-allow-origin', origin);
    reply.header('access-control-expose-headers', EXPOSED_HEADERS);
    const method = request.headers['access-control-request-method'];
    if (request.method !== 'OPTIONS' || !method) return;
    reply.header('access-control-allow-methods', METHODS);
    const asked = request.headers['access-control-request-headers'];
    if (asked) reply.header('access-control-allow-headers', asked);
    reply.header('access-control-max-age', '600');
    reply.header('vary', 'Origin, Access-Control-Request-Headers');
    await reply.code(204).header('content-length', '0').send();
    return reply;
  });
}
