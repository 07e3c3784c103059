import { performance } from 'node:perf_hooks';

import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Latency buckets in seconds, 1 ms to 10 s: fine where chat requests live (a few ms). */
export const LATENCY_BUCKETS_SECONDS = [
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
] as const;

/** Size buckets in bytes, 1 KiB to 1 GiB, for uploads and downloads. */
export const SIZE_BUCKETS_BYTES = [
  1024,
  16 * 1024,
  256 * 1024,
  1024 * 1024,
  16 * 1024 * 1024,
  256 * 1024 * 1024,
  1024 ** 3,
] as const;

export interface MetricsOptions {
  /** Every series gets `service="<service>"`, e.g. 'msg-server'. */
  service: string;
  /** Extra constant labels, e.g. { node: 'msg-1' }. */
  labels?: Record<string, string>;
  /** Node's process metrics (CPU, memory, GC, handles, event-loop lag); default true. */
  processMetrics?: boolean;
}

/**
 * One server instance's Prometheus metrics. Each has its own registry (never prom-client's
 * global one), so several servers in one process (the embedded launcher, tests) keep apart.
 * Our metric names are prefixed `parley_`; Node's default ones keep their standard names.
 */
export interface Metrics {
  readonly registry: Registry;
  readonly service: string;
  counter<L extends string = never>(
    name: string,
    help: string,
    labelNames?: readonly L[],
  ): Counter<L>;
  /** A gauge; `collect`, when given, runs at every scrape to set it (e.g. from a live count). */
  gauge<L extends string = never>(
    name: string,
    help: string,
    labelNames?: readonly L[],
    collect?: (gauge: Gauge<L>) => void,
  ): Gauge<L>;
  /** A histogram; buckets default to LATENCY_BUCKETS_SECONDS (observe seconds). */
  histogram<L extends string = never>(
    name: string,
    help: string,
    labelNames?: readonly L[],
    buckets?: readonly number[],
  ): Histogram<L>;
  /**
   * Mean event-loop delay in milliseconds since the previous call (or since creation), then
   * starts a new window. For live snapshots; Prometheus gets nodejs_eventloop_lag_* anyway.
   */
  takeEventLoopLagMs(): number;
  /** The Prometheus text exposition of every metric. */
  text(): Promise<string>;
  /** The exposition's content type. */
  readonly contentType: string;
  /** Stops the event-loop monitor. Idempotent. */
  close(): void;
}

/**
 * Creates a metrics registry for one server instance, with Node's default process metrics.
 *
 * @example
 * const metrics = createMetrics({ service: 'file-server' });
 * const uploaded = metrics.counter('upload_bytes_total', 'Bytes received by uploads');
 * uploaded.inc(chunk.length);
 * const app = await createHttpApp({ service: 'file-server', logger, metrics }); // GET /metrics
 */
export function createMetrics(options: MetricsOptions): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service: options.service, ...options.labels });
  if (options.processMetrics ?? true) {
    // Standard names (process_*, nodejs_*), so stock Node.js dashboards work unchanged.
    collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  }
  const lag = createLagProbe();
  const name = (n: string) => `parley_${n}`;

  return {
    registry,
    service: options.service,
    contentType: registry.contentType,
    counter(n, help, labelNames) {
      return new Counter({
        name: name(n),
        help,
        labelNames: labelNames ?? [],
        registers: [registry],
      });
    },
    gauge(n, help, labelNames, collect) {
      return new Gauge({
        name: name(n),
        help,
        labelNames: labelNames ?? [],
        registers: [registry],
        ...(collect
          ? {
              collect() {
                collect(this);
              },
            }
          : {}),
      });
    },
    histogram(n, help, labelNames, buckets) {
      return new Histogram({
        name: name(n),
        help,
        labelNames: labelNames ?? [],
        buckets: [...(buckets ?? LATENCY_BUCKETS_SECONDS)],
        registers: [registry],
      });
    },
    takeEventLoopLagMs: () => lag.take(),
    text: () => registry.metrics(),
    close: () => lag.stop(),
  };
}

const PROBE_MS = 50;

/**
 * Event-loop lag as the lateness of a 50 ms timer: the mean over the window, where a tick that
 * could not run at all while the loop was blocked counts as late for the whole block.
 */
function createLagProbe(): { take(): number; stop(): void } {
  let sum = 0;
  let ticks = 0;
  let expected = performance.now() + PROBE_MS;
  const timer = setInterval(() => {
    const t = performance.now();
    const late = Math.max(0, t - expected);
    // A tick late by `late` stands for every tick that should have happened meanwhile.
    const missed = Math.floor(late / PROBE_MS) + 1;
    sum += late * missed - (PROBE_MS * (missed - 1) * missed) / 2;
    ticks += missed;
    expected = t + PROBE_MS;
  }, PROBE_MS);
  timer.unref();
  return {
    take() {
      const mean = ticks > 0 ? sum / ticks : 0;
      sum = 0;
      ticks = 0;
      return Math.round(mean * 100) / 100;
    },
    stop: () => clearInterval(timer),
  };
}
