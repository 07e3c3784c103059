import { describe, expect, it } from 'vitest';

import { createMemoryFailureLimiter } from './failure-limiter.js';

describe('createMemoryFailureLimiter', () => {
  it('blocks a key after maxFailures until its window ends', async () => {
    let t = 1_000;
    const limiter = createMemoryFailureLimiter({ maxFailures: 2, windowMs: 100, now: () => t });
    expect(await limiter.retryAfterMs('a')).toBe(0);
    await limiter.fail('a');
    expect(await limiter.retryAfterMs('a')).toBe(0);
    t += 40;
    await limiter.fail('a');
    expect(await limiter.retryAfterMs('a')).toBe(60);
    expect(await limiter.retryAfterMs('b')).toBe(0);
    t += 60;
    expect(await limiter.retryAfterMs('a')).toBe(0);
    await limiter.fail('a');
    expect(await limiter.retryAfterMs('a')).toBe(0);
  });

  it('stays within maxKeys under a flood of addresses', async () => {
    let t = 0;
    const limiter = createMemoryFailureLimiter({
      maxFailures: 1,
      windowMs: 1_000,
      now: () => t,
      maxKeys: 100,
    });
    for (let i = 0; i < 1_000; i++) await limiter.fail(`ip-${i}`);
    // The newest keys are still remembered; the oldest were forgotten to make room.
    expect(await limiter.retryAfterMs('ip-999')).toBeGreaterThan(0);
    expect(await limiter.retryAfterMs('ip-0')).toBe(0);
    t += 1_000;
    expect(await limiter.retryAfterMs('ip-999')).toBe(0);
  });
});
