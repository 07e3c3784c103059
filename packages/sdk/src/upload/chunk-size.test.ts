import { describe, expect, it } from 'vitest';

import { ADAPTIVE_CHUNKS, adaptiveChunks, fixedChunks } from './chunk-size.js';

const KIB = 1024;
const MIB = 1024 * KIB;

/** Runs a sizer over a link of `bytesPerSecond` and `rttMs`; returns the chunk sizes. */
function simulate(bytesPerSecond: number, rttMs: number, chunks: number): number[] {
  const sizer = adaptiveChunks();
  const sizes: number[] = [];
  for (let i = 0; i < chunks; i++) {
    const size = sizer.next();
    sizes.push(size);
    sizer.confirmed(size, rttMs + (size / bytesPerSecond) * 1000);
  }
  return sizes;
}

describe('chunk sizes', () => {
  it('grow at most fourfold per chunk on a fast link, up to 64 MiB', () => {
    expect(simulate(200 * MIB, 1, 7).map((s) => s / KIB)).toEqual([
      512, 2048, 8192, 32_768, 65_536, 65_536, 65_536,
    ]);
  });

  it('settle near a second per chunk on a middling link', () => {
    const sizes = simulate(8 * MIB, 30, 12);
    const last = sizes.at(-1) ?? 0;
    const seconds = 0.03 + last / (8 * MIB);
    expect(seconds).toBeGreaterThan(0.8);
    expect(seconds).toBeLessThan(1.2);
  });

  it('stay at the minimum on 2G (600 ms round trip, 256 kbit/s)', () => {
    const sizes = simulate(32 * KIB, 600, 5);
    expect(sizes[0]).toBe(512 * KIB);
    expect(sizes.slice(1)).toEqual([128 * KIB, 128 * KIB, 128 * KIB, 128 * KIB]);
  });

  it('halve after a failure, never below the minimum, and ignore a short last chunk', () => {
    const sizer = adaptiveChunks();
    sizer.confirmed(512 * KIB, 1);
    expect(sizer.next()).toBe(2 * MIB);
    sizer.failed();
    expect(sizer.next()).toBe(1 * MIB);
    for (let i = 0; i < 10; i++) sizer.failed();
    expect(sizer.next()).toBe(ADAPTIVE_CHUNKS.minBytes);
    sizer.confirmed(10 * KIB, 1000); // the file's last few bytes, slow: no evidence
    expect(sizer.next()).toBe(ADAPTIVE_CHUNKS.minBytes);
    sizer.confirmed(ADAPTIVE_CHUNKS.minBytes, 0); // instant: as fast as it may grow
    expect(sizer.next()).toBe(4 * ADAPTIVE_CHUNKS.minBytes);
  });

  it('a fixed size stays fixed', () => {
    const sizer = fixedChunks(3000);
    sizer.confirmed(3000, 1);
    sizer.failed();
    expect(sizer.next()).toBe(3000);
  });
});
