import type { FastifyInstance } from 'fastify';

import type { Metrics } from './create-metrics.js';

/**
 * GET /metrics (the Prometheus text exposition of `metrics`) plus request metrics for every
 * route of `app`: `parley_http_requests_total{method,route,status}` and
 * `parley_http_request_duration_seconds{method,route}`. The route label is the registered
 * pattern (`/v1/files/:id`), never the raw URL, so series stay bounded; unmatched requests are
 * counted under route "unmatched".
 *
 * /metrics carries no authentication: expose it to the monitoring network only (the proxy in
 * docker/ does not route it).
 *
 * @example
 * const metrics = createMetrics({ service: 'login-server' });
 * registerMetricsRoutes(app, metrics);
 */
export function registerMetricsRoutes(app: FastifyInstance, metrics: Metrics): void {
  const requests = metrics.counter('http_requests_total', 'HTTP requests answered', [
    'method',
    'route',
    'status',
  ]);
  const duration = metrics.histogram('http_request_duration_seconds', 'HTTP request time', [
    'method',
    'route',
  ]);
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    if (route === '/metrics') return;
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
  app.get('/metrics', async (_request, reply) => {
    const text = await metrics.text();
    return reply
      .header('content-type', metrics.contentType)
      .header('cache-control', 'no-store')
      .send(text);
  });
}
