/**
 * Windowing for long lists: which rows to render for a scroll position, and how much space
 * the rows above and below take. Pure and O(n) in the row count with no allocation beyond
 * the loop, so a 10,000-message conversation costs well under a millisecond per frame.
 */

/** The rows to render, [start, end), and the spacer heights around them. */
export interface VisibleRange {
  start: number;
  end: number;
  padTop: number;
  padBottom: number;
  total: number;
}

/**
 * Finds the rows that intersect the viewport widened by `overscan` pixels on each side.
 *
 * @example
 * visibleRange([40, 40, 40, 40], 50, 40, 0); // { start: 1, end: 3, padTop: 40, padBottom: 40, total: 160 }
 */
export function visibleRange(
  heights: readonly number[],
  scrollTop: number,
  viewportHeight: number,
  overscan: number,
): VisibleRange {
  const from = Math.max(0, scrollTop - overscan);
  const to = scrollTop + viewportHeight + overscan;
  let offset = 0;
  let start = heights.length;
  let padTop = 0;
  let end = heights.length;
  let padBottomStart = -1;
  for (let i = 0; i < heights.length; i++) {
    const h = heights[i] ?? 0;
    if (start === heights.length && offset + h > from) {
      start = i;
      padTop = offset;
    }
    if (start !== heights.length && offset >= to && padBottomStart === -1) {
      end = i;
      padBottomStart = offset;
    }
    offset += h;
  }
  if (start === heights.length) {
    // Scrolled past the end (e.g. the list shrank): show the last rows.
    start = Math.max(0, heights.length - 1);
    padTop = offset - (heights[start] ?? 0);
  }
  const padBottom = padBottomStart === -1 ? 0 : offset - padBottomStart;
  return { start, end, padTop, padBottom, total: offset };
}

/**
 * The top offset of a row, for keeping the view still when rows above change height.
 *
 * @example
 * offsetOf([10, 20, 30], 2); // 30
 */
export function offsetOf(heights: readonly number[], index: number): number {
  let offset = 0;
  for (let i = 0; i < index && i < heights.length; i++) offset += heights[i] ?? 0;
  return offset;
}
