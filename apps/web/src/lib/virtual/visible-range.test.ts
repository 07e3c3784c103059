import { describe, expect, it } from 'vitest';

import { offsetOf, visibleRange } from './visible-range';

describe('visibleRange', () => {
  it('renders only the rows in and near the viewport', () => {
    expect(visibleRange([40, 40, 40, 40], 50, 40, 0)).toEqual({
      start: 1,
      end: 3,
      padTop: 40,
      padBottom: 40,
      total: 160,
    });
    expect(visibleRange([40, 40, 40, 40], 50, 40, 100)).toEqual({
      start: 0,
      end: 4,
      padTop: 0,
      padBottom: 0,
      total: 160,
    });
  });

  it('handles empty lists and positions past the end', () => {
    expect(visibleRange([], 0, 500, 100)).toEqual({
      start: 0,
      end: 0,
      padTop: 0,
      padBottom: 0,
      total: 0,
    });
    expect(visibleRange([10, 20], 900, 100, 0)).toEqual({
      start: 1,
      end: 2,
      padTop: 10,
      padBottom: 0,
      total: 30,
    });
  });

  it('keeps 10,000 rows cheap: a bounded window whose spacers add up', () => {
    const heights = Array.from({ length: 10_000 }, (_, i) => 50 + (i % 7) * 10);
    const total = heights.reduce((a, b) => a + b, 0);
    const begun = performance.now();
    for (let top = 0; top < total; top += 997) {
      const r = visibleRange(heights, top, 800, 400);
      expect(r.end - r.start).toBeLessThan(60);
      const shown = heights.slice(r.start, r.end).reduce((a, b) => a + b, 0);
      expect(r.padTop + shown + r.padBottom).toBe(total);
      expect(r.padTop).toBe(offsetOf(heights, r.start));
    }
    // ~700 positions over 10,000 rows: far below a frame each even on a loaded machine.
    expect((performance.now() - begun) / 700).toBeLessThan(4);
  });
});
