import { pb } from '@parley/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createHttpApp, listenHttp, type HttpApp } from '../http/create-http-app.js';
import { silentLogger } from '../logger.js';

import { createMetrics, type Metrics } from './create-metrics.js';

/**
 * Parses the Prometheus text format into `name{labels}` → value (and checks every line).
 * Special values are matched without case, as Prometheus does (Go's ParseFloat): prom-client
 * writes an event-loop mean with no samples yet as `Nan`.
 */
function parseExposition(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) (-?[0-9.e+-]+|(?:nan|[+-]inf))$/i.exec(
      line,
    );
    if (!match) throw new Error(`not Prometheus text: ${line}`);
    samples.set(match[1]!, Number(match[2]));
  }
  return samples;
}

let app: HttpApp;
let base: string;
let metrics: Metrics;
let dbUp = true;

beforeAll(async () => {
  metrics = createMetrics({ service: 'kit-test', labels: { node: 'n1' } });
  app = await createHttpApp({
    service: 'kit-test',
    logger: silentLogger(),
    metrics,
    readiness: [
      {
        name: 'database',
        check: async () => {
          if (!dbUp) throw new Error('connection refused');
        },
      },
    ],
  });
  app.get('/v1/things/:id', async () => ({ ok: true }));
  const { port } = await listenHttp(app, { host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await app.close();
  metrics.close();
});

describe('GET /metrics', () => {
  it('exposes process metrics and counts requests by route pattern', async () => {
    await fetch(`${base}/v1/things/1`);
    await fetch(`${base}/v1/things/2`);
    await fetch(`${base}/nowhere`);
    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const samples = parseExposition(await response.text());
    const things =
      'parley_http_requests_total{method="GET",route="/v1/things/:id",status="200",service="kit-test",node="n1"}';
    expect(samples.get(things)).toBe(2);
    expect(
      samples.get(
        'parley_http_requests_total{method="GET",route="unmatched",status="404",service="kit-test",node="n1"}',
      ),
    ).toBe(1);
    expect([...samples.keys()].some((k) => k.startsWith('nodejs_eventloop_lag_seconds{'))).toBe(
      true,
    );
    expect([...samples.keys()].some((k) => k.startsWith('process_cpu_seconds_total{'))).toBe(true);
  });

  it('keeps two servers in one process apart', async () => {
    const other = createMetrics({ service: 'other', processMetrics: false });
    other.counter('things_total', 'things').inc(5);
    const text = await other.text();
    expect(parseExposition(text).get('parley_things_total{service="other"}')).toBe(5);
    expect(text).not.toContain('kit-test');
    expect(await metrics.text()).not.toContain('parley_things_total');
    other.close();
  });

  it('reports event-loop lag over a window', async () => {
    metrics.takeEventLoopLagMs();
    const until = Date.now() + 120;
    while (Date.now() < until) {
      // block the loop
    }
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(metrics.takeEventLoopLagMs()).toBeGreaterThan(5);
  });
});

describe('GET /health and GET /ready', () => {
  it('is ready while its checks pass, 503 UNAVAILABLE naming the failure when not', async () => {
    const ready = await fetch(`${base}/ready`, { headers: { accept: 'application/json' } });
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ service: 'kit-test', status: 'ready' });
    dbUp = false;
    const down = await fetch(`${base}/ready`, { headers: { accept: 'application/json' } });
    expect(down.status).toBe(503);
    const body = pb.ErrorResponse.fromObject((await down.json()) as Record<string, unknown>);
    expect(body.error?.code).toBe(pb.ErrorCode.ERROR_CODE_UNAVAILABLE);
    expect(body.error?.message).toBe('not ready: database (connection refused)');
    // Alive all the same.
    expect((await fetch(`${base}/health`)).status).toBe(200);
    dbUp = true;
    expect((await fetch(`${base}/ready`)).status).toBe(200);
  });
});
