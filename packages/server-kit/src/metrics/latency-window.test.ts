import { describe, expect, it } from 'vitest';

import { createLatencyWindow } from './latency-window.js';
import { createRecentErrors } from './recent-errors.js';

describe('createLatencyWindow', () => {
  it('estimates percentiles within one bucket (10%)', () => {
    const w = createLatencyWindow({ now: () => 0 });
    for (let ms = 1; ms <= 1000; ms++) w.observe(ms);
    const p = w.percentiles();
    expect(p.count).toBe(1000);
    expect(Math.abs(p.p50Ms - 500) / 500).toBeLessThan(0.1);
    expect(Math.abs(p.p95Ms - 950) / 950).toBeLessThan(0.1);
    expect(Math.abs(p.p99Ms - 990) / 990).toBeLessThan(0.1);
  });

  it('is all zero when empty and ignores NaN and negatives', () => {
    const w = createLatencyWindow({ now: () => 0 });
    w.observe(Number.NaN);
    w.observe(-3);
    expect(w.percentiles()).toEqual({ p50Ms: 0, p95Ms: 0, p99Ms: 0, count: 0 });
  });

  it('ages samples out a slice at a time', () => {
    let t = 0;
    const w = createLatencyWindow({ windowMs: 60_000, slots: 6, now: () => t });
    w.observe(100);
    t = 30_000;
    w.observe(2);
    expect(w.percentiles().count).toBe(2);
    t = 61_000; // the first slice (0–10 s) has left the window
    const p = w.percentiles();
    expect(p.count).toBe(1);
    expect(p.p99Ms).toBeGreaterThan(1.8);
    expect(p.p99Ms).toBeLessThan(2.2);
    t = 10 * 60_000; // long idle: everything is gone
    expect(w.percentiles().count).toBe(0);
  });

  it('clamps huge samples to the last bucket', () => {
    const w = createLatencyWindow({ now: () => 0 });
    w.observe(10_000_000);
    expect(w.percentiles().p50Ms).toBeGreaterThan(100_000);
  });
});

describe('createRecentErrors', () => {
  it('keeps the newest `capacity` errors, newest first, messages cut to 200 chars', () => {
    const recent = createRecentErrors(3);
    for (let i = 1; i <= 5; i++) {
      recent.push({
        time: i,
        code: 'ERROR_CODE_INTERNAL',
        message: 'x'.repeat(i * 100),
        request: 'send',
      });
    }
    const list = recent.list();
    expect(list.map((e) => e.time)).toEqual([5, 4, 3]);
    expect(list[0]?.message.length).toBe(200);
    expect(createRecentErrors().list()).toEqual([]);
  });
});
