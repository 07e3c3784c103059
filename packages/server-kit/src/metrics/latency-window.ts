/** Percentiles of the samples in a LatencyWindow, in milliseconds. */
export interface LatencyPercentiles {
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Samples in the window; the percentiles are 0 when it is 0. */
  count: number;
}

/** Recent latencies for live percentiles: see createLatencyWindow. */
export interface LatencyWindow {
  /** Records one sample in milliseconds. Allocation-free. */
  observe(ms: number): void;
  /** Percentiles over roughly the last `windowMs`. */
  percentiles(): LatencyPercentiles;
}

// Bucket upper bounds grow by 10% from 0.05 ms to a little over 2 minutes: a percentile is
// off by at most half a bucket (5%), whatever the scale.
const GROWTH = 1.1;
const FIRST_BOUND_MS = 0.05;
const BOUNDS: Float64Array = (() => {
  const bounds: number[] = [];
  for (let b = FIRST_BOUND_MS; b < 150_000; b *= GROWTH) bounds.push(b);
  return Float64Array.from(bounds);
})();
const LOG_GROWTH = Math.log(GROWTH);

/**
 * Latency percentiles over a sliding window (default the last 60 s), kept as bucket counts in
 * `slots` rotating time slices: constant memory, no allocation per sample, and old samples
 * age out a slice at a time. Prometheus histograms answer the same question over any range
 * (histogram_quantile); this is for the live dashboard, which has no Prometheus behind it.
 *
 * @example
 * const sendAck = createLatencyWindow();
 * sendAck.observe(3.2);
 * sendAck.percentiles(); // { p50Ms: 3.2…, p95Ms: …, p99Ms: …, count: 1 }
 */
export function createLatencyWindow(
  options: { windowMs?: number; slots?: number; now?: () => number } = {},
): LatencyWindow {
  const slots = options.slots ?? 6;
  const sliceMs = (options.windowMs ?? 60_000) / slots;
  const now = options.now ?? Date.now;
  const counts = Array.from({ length: slots }, () => new Uint32Array(BOUNDS.length + 1));
  const totals = new Uint32Array(slots);
  let currentSlice = Math.floor(now() / sliceMs);

  /** Clears the slots of slices that have ended since the last call. */
  function advance(): number {
    const slice = Math.floor(now() / sliceMs);
    const steps = Math.min(slice - currentSlice, slots);
    for (let i = 1; i <= steps; i++) {
      const s = (currentSlice + i) % slots;
      counts[s]!.fill(0);
      totals[s] = 0;
    }
    if (slice > currentSlice) currentSlice = slice;
    return currentSlice % slots;
  }

  return {
    observe(ms) {
      if (!(ms >= 0)) return; // NaN and negatives (a clock step) are dropped
      const s = advance();
      counts[s]![bucketOf(ms)]! += 1;
      totals[s]! += 1;
    },
    percentiles() {
      advance();
      let count = 0;
      for (let s = 0; s < slots; s++) count += totals[s]!;
      if (count === 0) return { p50Ms: 0, p95Ms: 0, p99Ms: 0, count: 0 };
      return {
        p50Ms: quantile(counts, count, 0.5),
        p95Ms: quantile(counts, count, 0.95),
        p99Ms: quantile(counts, count, 0.99),
        count,
      };
    },
  };
}

function bucketOf(ms: number): number {
  if (ms <= FIRST_BOUND_MS) return 0;
  const i = Math.ceil(Math.log(ms / FIRST_BOUND_MS) / LOG_GROWTH - 1e-9);
  return Math.min(i, BOUNDS.length);
}

/** The q-quantile: the geometric middle of the bucket holding the rank-th sample. */
function quantile(counts: Uint32Array[], total: number, q: number): number {
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (let b = 0; b <= BOUNDS.length; b++) {
    for (const slot of counts) seen += slot[b]!;
    if (seen >= rank) {
      if (b === 0) return FIRST_BOUND_MS;
      if (b === BOUNDS.length) return BOUNDS[b - 1]!;
      return round(Math.sqrt(BOUNDS[b - 1]! * BOUNDS[b]!));
    }
  }
  return BOUNDS[BOUNDS.length - 1]!;
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
