import { describe, expect, it } from 'vitest';

import { combineLatency, seriesOf, toSample } from './dashboard-series';

describe('dashboard series', () => {
  it("weights each node's percentiles by its sample count, ignoring idle nodes", () => {
    expect(
      combineLatency([
        { sendAck: { p50Ms: 2, p95Ms: 10, p99Ms: 20, count: 300 } },
        { sendAck: { p50Ms: 6, p95Ms: 30, p99Ms: 40, count: 100 } },
        { sendAck: { p50Ms: 999, p95Ms: 999, p99Ms: 999, count: 0 } },
        {},
      ]),
    ).toEqual({ p50: 3, p95: 15, p99: 25, count: 400 });
    expect(combineLatency([])).toEqual({ p50: 0, p95: 0, p99: 0, count: 0 });
  });

  it('reduces a stats answer to a sample', () => {
    const sample = toSample(
      {
        generatedAt: 5000,
        totals: { connections: 3, messagesInPerSec: 1.5, messagesOutPerSec: 3 },
        nodes: [
          { id: 'm1', connections: 2, sendAck: { p50Ms: 1, p95Ms: 2, p99Ms: 3, count: 10 } },
          { id: 'm2', connections: 1 },
        ],
      },
      9999,
    );
    expect(sample).toEqual({
      at: 5000,
      connections: 3,
      messagesIn: 1.5,
      messagesOut: 3,
      latency: { p50: 1, p95: 2, p99: 3, count: 10 },
      perNode: { m1: 2, m2: 1 },
    });
    expect(toSample({}, 42).at).toBe(42);
  });

  it('places samples in seconds before the newest', () => {
    const s = (at: number, messagesIn: number) => ({ ...toSample({}, at), messagesIn });
    expect(seriesOf([s(1000, 1), s(4000, 2), s(7000, 5)], (x) => x.messagesIn)).toEqual([
      { x: -6, y: 1 },
      { x: -3, y: 2 },
      { x: 0, y: 5 },
    ]);
    expect(seriesOf([], (x) => x.messagesIn)).toEqual([]);
  });
});
