import { describe, expect, it } from 'vitest';

import {
  formatBytes,
  formatNumber,
  linearScale,
  linePath,
  niceCeil,
  pushSample,
  ratePerSecond,
  seriesMax,
  ticks,
} from './chart-scale';

describe('chart scaling', () => {
  it('rounds an axis maximum up to a nice number', () => {
    expect(niceCeil(73)).toBe(100);
    expect(niceCeil(100)).toBe(100);
    expect(niceCeil(101)).toBe(200);
    expect(niceCeil(21)).toBe(25);
    expect(niceCeil(0.3)).toBe(0.5);
    expect(niceCeil(0.30000000000000004)).toBe(0.5);
    expect(niceCeil(3)).toBe(5);
    expect(niceCeil(0)).toBe(1);
    expect(niceCeil(-5)).toBe(1);
    expect(niceCeil(Number.NaN)).toBe(1);
  });

  it('spaces ticks evenly from zero', () => {
    expect(ticks(100, 4)).toEqual([0, 25, 50, 75, 100]);
    expect(ticks(0.5, 5)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(ticks(10, 0)).toEqual([0, 10]);
  });

  it('maps linearly, including an inverted SVG y range and a flat domain', () => {
    const y = linearScale([0, 100], [200, 0]);
    expect(y(0)).toBe(200);
    expect(y(50)).toBe(100);
    expect(y(100)).toBe(0);
    expect(linearScale([5, 5], [10, 20])(5)).toBe(10);
  });

  it('draws a path through the points', () => {
    const path = linePath(
      [
        { x: 0, y: 1 },
        { x: 1, y: 2.333 },
      ],
      (x) => x * 10,
      (y) => 100 - y,
    );
    expect(path).toBe('M0 99L10 97.7');
    expect(
      linePath(
        [],
        (x) => x,
        (y) => y,
      ),
    ).toBe('');
  });

  it('takes the nice maximum over every series', () => {
    expect(seriesMax([[{ x: 0, y: 3 }], [{ x: 1, y: 7 }]])).toBe(10);
    expect(seriesMax([])).toBe(1);
  });

  it('keeps a bounded history', () => {
    expect(pushSample([1, 2, 3], 4, 3)).toEqual([2, 3, 4]);
    expect(pushSample([], 1, 3)).toEqual([1]);
  });

  it('derives a rate from two counter readings', () => {
    expect(ratePerSecond({ at: 0, value: 10 }, { at: 2000, value: 30 })).toBe(10);
    expect(ratePerSecond({ at: 0, value: 30 }, { at: 2000, value: 10 })).toBe(0);
    expect(ratePerSecond({ at: 5, value: 1 }, { at: 5, value: 9 })).toBe(0);
  });

  it('formats bytes and numbers for people', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(5 * 1024 ** 3)).toBe('5 GB');
    expect(formatBytes(200 * 1024 ** 2)).toBe('200 MB');
    expect(formatNumber(1234)).toBe('1.2k');
    expect(formatNumber(12_345)).toBe('12k');
    expect(formatNumber(2_500_000)).toBe('2.5M');
    expect(formatNumber(0.456)).toBe('0.46');
    expect(formatNumber(12.34)).toBe('12.3');
    expect(formatNumber(7)).toBe('7');
    expect(formatNumber(Number.NaN)).toBe('–');
  });
});
