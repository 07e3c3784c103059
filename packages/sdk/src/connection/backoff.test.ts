import { describe, expect, it } from 'vitest';

import { backoffDelay, DEFAULT_BACKOFF, WakeableSleep } from './backoff.js';

describe('backoffDelay', () => {
  it('grows exponentially between half and all of the step', () => {
    expect(backoffDelay(0, DEFAULT_BACKOFF, () => 0)).toBe(250);
    expect(backoffDelay(0, DEFAULT_BACKOFF, () => 0.999999)).toBe(500);
    expect(backoffDelay(3, DEFAULT_BACKOFF, () => 0)).toBe(2000);
    expect(backoffDelay(3, DEFAULT_BACKOFF, () => 0.999999)).toBe(4000);
  });

  it('never exceeds the cap', () => {
    for (let attempt = 0; attempt < 100; attempt++) {
      expect(backoffDelay(attempt)).toBeLessThanOrEqual(DEFAULT_BACKOFF.maxMs);
    }
    expect(backoffDelay(1000, DEFAULT_BACKOFF, () => 0)).toBe(DEFAULT_BACKOFF.maxMs / 2);
  });

  it('spreads clients out', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(5)));
    expect(delays.size).toBeGreaterThan(10);
  });
});

describe('WakeableSleep', () => {
  it('ends early on wake()', async () => {
    const sleep = new WakeableSleep();
    const started = Date.now();
    const done = sleep.sleep(10_000);
    sleep.wake();
    await done;
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('ends on its own after the delay', async () => {
    const sleep = new WakeableSleep();
    const started = Date.now();
    await sleep.sleep(20);
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
  });
});
