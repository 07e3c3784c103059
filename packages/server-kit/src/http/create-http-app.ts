import cors from '@fastify/cors';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';

import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics/create-metrics.js';
import { registerMetricsRoutes } from '../metrics/http-metrics.js';

import { PROTOBUF_TYPE } from './content.js';
import { installErrorHandlers } from './errors.js';
import { registerHealth, registerReadiness, type ReadinessCheck } from './health.js';

export interface HttpAppOptions {
  /** Name reported by /health and on every log line. */
  service: string;
  version?: string;
  logger: Logger;
  /** Largest accepted request body in bytes (default 64 KiB); larger is TOO_LARGE (413). */
  bodyLimit?: number;
  /**
   * Origins allowed to call from a browser: a list, or true for any. Any is safe here because
   * authentication is a bearer header, never a cookie, so a foreign page gains nothing.
   */
  corsOrigins?: string[] | boolean;
  /** Trust X-Forwarded-For from a reverse proxy (fastify's trustProxy). */
  trustProxy?: boolean | string | number;
  /** This instance's metrics: GET /metrics and request metrics (see registerMetricsRoutes). */
  metrics?: Metrics;
  /** What GET /ready checks (none: always ready); see registerReadiness. */
  readiness?: readonly ReadinessCheck[];
  /**
   * On close, how long requests still in flight may finish before their connections are cut
   * (default 5 s, inside docker's 10 s stop timeout). Idle keep-alive connections close at once.
   */
  closeGraceMs?: number;
}

export type HttpApp = FastifyInstance;

/**
 * A fastify instance set up the Parley way: protobuf/JSON bodies read as raw bytes (decode
 * them with readBody), every failure answered with a typed pb.ErrorResponse, CORS, and
 * GET /health and GET /ready (and GET /metrics with `metrics`). Add routes, then `listenHttp`.
 *
 * @example
 * const app = await createHttpApp({ service: 'login-server', logger });
 * app.post('/v1/echo', async (req, reply) => sendMessage(req, reply, pb.SignInRequest, readBody(req, pb.SignInRequest)));
 * const { port } = await listenHttp(app, { host: '127.0.0.1', port: 0 });
 */
export async function createHttpApp(options: HttpAppOptions): Promise<HttpApp> {
  const app = Fastify({
    // Our pino is a newer major than fastify's; the logging surface fastify uses is the same.
    loggerInstance: options.logger as unknown as FastifyBaseLogger,
    disableRequestLogging: true,
    bodyLimit: options.bodyLimit ?? 64 * 1024,
    trustProxy: options.trustProxy ?? false,
    // Idle keep-alive sockets must not hold stop() open.
    forceCloseConnections: 'idle',
  });

  // Bodies stay bytes until a handler knows which message it expects; the JSON parser is
  // replaced too, so JSON errors come out typed from readBody. Anything else is 415.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    ['application/json', PROTOBUF_TYPE],
    { parseAs: 'buffer' },
    (_request, body, done) => done(null, body),
  );

  installErrorHandlers(app, options.logger);
  await app.register(cors, {
    origin: options.corsOrigins ?? true,
    // @fastify/cors allows only GET, HEAD and POST by default; DELETE /v1/sessions/{id} needs it.
    methods: 'GET,HEAD,POST,DELETE',
    exposedHeaders: ['Retry-After'],
    maxAge: 600,
  });
  app.addHook('onResponse', async (request, reply) => {
    options.logger.debug(
      {
        method: request.method,
        route: request.routeOptions.url,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
  });
  registerHealth(app, { service: options.service, version: options.version ?? '0.1.0' });
  registerReadiness(
    app,
    { service: options.service, version: options.version ?? '0.1.0' },
    options.readiness ?? [],
  );
  if (options.metrics) registerMetricsRoutes(app, options.metrics);
  closeLingeringConnections(app, options.closeGraceMs ?? 5_000);
  return app;
}

/**
 * Node's `server.close()` (and fastify's `forceCloseConnections: 'idle'`) closes only the
 * connections idle at that moment. A keep-alive connection whose response was still finishing
 * then stays open until the client lets go of it, and holds close() up (seen with file
 * downloads). While closing, keep closing connections as they turn idle, and cut whatever is
 * still busy after the grace period.
 */
function closeLingeringConnections(app: HttpApp, graceMs: number): void {
  app.addHook('preClose', (done) => {
    const server = app.server;
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    const cut = setTimeout(() => server.closeAllConnections(), graceMs);
    sweep.unref();
    cut.unref();
    server.once('close', () => {
      clearInterval(sweep);
      clearTimeout(cut);
    });
    done();
  });
}

/** Starts listening and returns the bound port (the real one when `port` is 0). */
export async function listenHttp(
  app: HttpApp,
  options: { host?: string; port: number },
): Promise<{ port: number }> {
  await app.listen({ host: options.host ?? '0.0.0.0', port: options.port });
  const address = app.server.address();
  return { port: typeof address === 'object' && address ? address.port : options.port };
}
