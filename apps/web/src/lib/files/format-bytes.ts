/**
 * A byte count for people: 1 decimal from KB on, binary units (as file managers show them).
 *
 * @example
 * formatBytes(1536); // "1.5 KB"
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1024) return `${Math.max(0, Math.round(bytes))} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/**
 * The box an image is shown in inline: its aspect ratio, at most `max` wide and `maxHeight`
 * tall, never larger than the image. Known before the image loads, so the list reserves the
 * space and does not jump.
 *
 * @example
 * fitBox(1000, 500, 320, 240); // { width: 320, height: 160 }
 */
export function fitBox(
  width: number,
  height: number,
  max = 320,
  maxHeight = 240,
): { width: number; height: number } {
  if (width <= 0 || height <= 0) return { width: max, height: Math.round(max * 0.75) };
  const scale = Math.min(1, max / width, maxHeight / height);
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}
