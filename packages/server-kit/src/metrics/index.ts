/**
 * Monitoring shared by the servers: a Prometheus registry per server instance, GET /metrics
 * with request metrics, and the small structures behind live dashboard snapshots (sliding
 * latency percentiles, a ring of recent errors).
 */
export * from './create-metrics.js';
export * from './http-metrics.js';
export * from './latency-window.js';
export * from './recent-errors.js';
export * from './node-stats.js';
