/**
 * The arithmetic behind the dashboard's hand-drawn SVG charts: a "nice" axis maximum and
 * ticks, linear scales, SVG path strings for line series, and a bounded history of samples.
 */

/**
 * The smallest 1, 2, 2.5 or 5 × 10^n at or above `value` (1 for zero, negative or not finite),
 * so axis labels are round numbers.
 *
 * @example
 * niceCeil(73); // 100
 * niceCeil(0.3); // 0.5
 */
export function niceCeil(value: number): number {
  if (!Number.isFinite(value) || value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    const candidate = step * power;
    // Guard against 0.1 * 3 style floating error just above a round number.
    if (candidate >= value * (1 - 1e-9)) return Number(candidate.toPrecision(12));
  }
  return 10 * power;
}

/**
 * Evenly spaced ticks from 0 to `max` inclusive.
 *
 * @example
 * ticks(100, 4); // [0, 25, 50, 75, 100]
 */
export function ticks(max: number, count = 4): number[] {
  const n = Math.max(1, Math.floor(count));
  return Array.from({ length: n + 1 }, (_, i) => Number(((max * i) / n).toPrecision(12)));
}

/**
 * A linear map from a domain to a range (a zero-width domain maps to the range's start).
 *
 * @example
 * const y = linearScale([0, 100], [200, 0]); // SVG y grows downwards
 * y(50); // 100
 */
export function linearScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  return (value) => (span === 0 ? r0 : r0 + ((value - d0) / span) * (r1 - r0));
}

/** A point in data coordinates. */
export interface Point {
  x: number;
  y: number;
}

/**
 * An SVG path through the points ("M x y L x y ..."), rounded to 0.1 px; '' without points.
 *
 * @example
 * linePath([{ x: 0, y: 1 }, { x: 1, y: 2 }], (x) => x * 10, (y) => 100 - y);
 * // 'M0 99L10 98'
 */
export function linePath(
  points: readonly Point[],
  x: (v: number) => number,
  y: (v: number) => number,
): string {
  const round = (v: number) => Math.round(v * 10) / 10;
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${round(x(p.x))} ${round(y(p.y))}`).join('');
}

/**
 * The axis maximum for several series: the nice ceiling of their largest value.
 *
 * @example
 * seriesMax([[{ x: 0, y: 3 }], [{ x: 0, y: 7 }]]); // 10
 */
export function seriesMax(series: ReadonlyArray<readonly Point[]>): number {
  let max = 0;
  for (const points of series) for (const p of points) if (p.y > max) max = p.y;
  return niceCeil(max);
}

/**
 * Appends a sample and drops the oldest beyond `limit` (returns a new array).
 *
 * @example
 * pushSample([1, 2, 3], 4, 3); // [2, 3, 4]
 */
export function pushSample<T>(history: readonly T[], sample: T, limit: number): T[] {
  const next = [...history, sample];
  return next.length > limit ? next.slice(next.length - limit) : next;
}

/**
 * A per-second rate from two readings of a counter; 0 when time did not move or the counter
 * went backwards (a server restarted).
 *
 * @example
 * ratePerSecond({ at: 0, value: 10 }, { at: 2000, value: 30 }); // 10
 */
export function ratePerSecond(
  previous: { at: number; value: number },
  current: { at: number; value: number },
): number {
  const seconds = (current.at - previous.at) / 1000;
  const delta = current.value - previous.value;
  if (seconds <= 0 || delta < 0) return 0;
  return delta / seconds;
}

/**
 * A byte count for people: B, KB, MB, GB, TB (1024-based, at most one decimal).
 *
 * @example
 * formatBytes(1536); // '1.5 KB'
 */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown = unit === 0 || value >= 100 ? Math.round(value) : Math.round(value * 10) / 10;
  return `${shown} ${units[unit] ?? 'B'}`;
}

/**
 * A number for an axis or a stat tile: integers as they are, small values with up to two
 * decimals, thousands as "1.2k".
 *
 * @example
 * formatNumber(1234); // '1.2k'
 * formatNumber(0.456); // '0.46'
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '–';
  const abs = Math.abs(value);
  if (abs >= 1_000_000) return `${Number((value / 1_000_000).toFixed(1))}M`;
  if (abs >= 10_000) return `${Math.round(value / 1000)}k`;
  if (abs >= 1000) return `${Number((value / 1000).toFixed(1))}k`;
  if (Number.isInteger(value)) return String(value);
  if (abs >= 10) return String(Math.round(value * 10) / 10);
  return String(Math.round(value * 100) / 100);
}
