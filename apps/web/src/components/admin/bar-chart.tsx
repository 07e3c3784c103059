'use client';

/** A hand-drawn SVG horizontal bar chart (e.g. connections per msg-server). */
import { formatNumber, linearScale, niceCeil } from '../../lib/admin/chart-scale';

/** One bar. */
export interface Bar {
  key: string;
  label: string;
  value: number;
}

const W = 600;
const ROW = 28;
const LABEL = 150;

/** Draws one bar per item with its value at the end. */
export function BarChart({
  title,
  bars,
  empty,
  testId,
}: {
  title: string;
  bars: readonly Bar[];
  empty: string;
  testId?: string;
}) {
  const max = niceCeil(Math.max(0, ...bars.map((b) => b.value)));
  const x = linearScale([0, max], [0, W - LABEL - 60]);
  const height = Math.max(1, bars.length) * ROW + 4;
  return (
    <figure className="admin-chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      {bars.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <svg
          viewBox={`0 0 ${W} ${height}`}
          role="img"
          aria-label={`${title}: ${bars.map((b) => `${b.label} ${b.value}`).join(', ')}`}
        >
          {bars.map((b, i) => (
            <g
              key={b.key}
              transform={`translate(0 ${i * ROW + 2})`}
              data-testid="bar"
              data-key={b.key}
              data-value={b.value}
            >
              <text
                x={LABEL - 8}
                y={ROW / 2}
                dy="0.32em"
                textAnchor="end"
                className="admin-chart-label"
              >
                {b.label}
              </text>
              <rect
                className="admin-chart-bar"
                x={LABEL}
                y={4}
                height={ROW - 8}
                width={Math.max(1, x(b.value))}
                rx={3}
              />
              <text
                x={LABEL + x(b.value) + 6}
                y={ROW / 2}
                dy="0.32em"
                className="admin-chart-label"
              >
                {formatNumber(b.value)}
              </text>
            </g>
          ))}
        </svg>
      )}
    </figure>
  );
}
