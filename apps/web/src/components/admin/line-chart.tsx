'use client';

/**
 * A hand-drawn SVG line chart: a nice y axis from zero, horizontal grid lines with labels,
 * one polyline per series over a fixed time window, and a legend with each series' latest
 * value (also the chart's accessible description).
 */
import {
  formatNumber,
  linearScale,
  linePath,
  seriesMax,
  ticks,
  type Point,
} from '../../lib/admin/chart-scale';

/** One line. `tone` picks its colour class (admin-tone-1..4). */
export interface ChartSeries {
  key: string;
  label: string;
  tone: 1 | 2 | 3 | 4;
  points: readonly Point[];
}

interface LineChartProps {
  title: string;
  series: readonly ChartSeries[];
  /** The x window in seconds before now (points are at x <= 0). */
  windowSeconds: number;
  unit?: string;
  testId?: string;
}

const W = 600;
const H = 200;
const PAD = { left: 44, right: 12, top: 10, bottom: 22 };

/** Draws the chart. */
export function LineChart({ title, series, windowSeconds, unit = '', testId }: LineChartProps) {
  const max = seriesMax(series.map((s) => s.points));
  const x = linearScale([-windowSeconds, 0], [PAD.left, W - PAD.right]);
  const y = linearScale([0, max], [H - PAD.bottom, PAD.top]);
  const latest = (s: ChartSeries) => s.points[s.points.length - 1]?.y ?? 0;
  const summary = series.map((s) => `${s.label} ${formatNumber(latest(s))}${unit}`).join(', ');

  return (
    <figure className="admin-chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${title}: ${summary}`}>
        {ticks(max, 4).map((v) => (
          <g key={v} className="admin-chart-grid">
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} />
            <text x={PAD.left - 6} y={y(v)} dy="0.32em" textAnchor="end">
              {formatNumber(v)}
            </text>
          </g>
        ))}
        <text className="admin-chart-axis" x={PAD.left} y={H - 4}>
          −{windowSeconds}s
        </text>
        <text className="admin-chart-axis" x={W - PAD.right} y={H - 4} textAnchor="end">
          0
        </text>
        {series.map((s) => (
          <path
            key={s.key}
            className={`admin-chart-line admin-tone-${s.tone}`}
            d={linePath(s.points, x, y)}
            data-series={s.key}
          />
        ))}
      </svg>
      <ul className="admin-legend">
        {series.map((s) => (
          <li key={s.key} data-testid={`legend-${s.key}`} data-value={latest(s)}>
            <span className={`admin-swatch admin-tone-${s.tone}`} aria-hidden="true" />
            {s.label}:{' '}
            <strong>
              {formatNumber(latest(s))}
              {unit}
            </strong>
          </li>
        ))}
      </ul>
    </figure>
  );
}
