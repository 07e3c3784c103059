import { describe, expect, it } from 'vitest';

import { createRateLimiter } from './rate-limiter.js';

describe('createRateLimiter', () => {
  it('allows a burst, then says how long to wait, then refills', () => {
    let t = 1_000;
    const limiter = createRateLimiter({ perSecond: 10, burst: 3 }, () => t);
    expect([limiter.take(), limiter.take(), limiter.take()]).toEqual([0, 0, 0]);
    expect(limiter.take()).toBe(100);
    t += 50;
    expect(limiter.take()).toBe(50);
    t += 50;
    expect(limiter.take()).toBe(0);
    t += 10_000;
    expect([limiter.take(), limiter.take(), limiter.take(), limiter.take()]).toEqual([
      0, 0, 0, 100,
    ]);
  });
});
