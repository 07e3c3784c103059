import {
  circle,
  createCanvas,
  roundedRect,
  triangle,
  type PixelCanvas,
  type Rgba,
} from './pixel-canvas.js';
import { drawText, GLYPH_HEIGHT, textWidth } from './pixel-font.js';

const BRAND: Rgba = [79, 70, 229, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const BADGE: Rgba = [220, 38, 38, 255];

/**
 * The label a count shows: '' for none, the number up to 99, then '99+' (a tray badge has
 * room for three characters, and nobody counts past 99 at a glance).
 *
 * @example
 * badgeLabel(150); // '99+'
 */
export function badgeLabel(count: number): string {
  if (!Number.isFinite(count) || count < 1) return '';
  return count > 99 ? '99+' : String(Math.floor(count));
}

/**
 * Parley's icon (a speech bubble) of `size` x `size` pixels, with a red badge showing
 * `label` in the bottom-right corner when it is not empty.
 *
 * @example
 * const canvas = drawAppIcon(32, badgeLabel(unread));
 */
export function drawAppIcon(size: number, label = ''): PixelCanvas {
  const canvas = createCanvas(size, size);
  const s = size;
  const bubble = { left: 0.06 * s, top: 0.1 * s, right: 0.94 * s, bottom: 0.72 * s };
  canvas.fill(roundedRect(bubble, 0.2 * s), BRAND, bubble);
  canvas.fill(triangle([0.2 * s, 0.6 * s], [0.44 * s, 0.6 * s], [0.16 * s, 0.92 * s]), BRAND, {
    left: 0.16 * s,
    top: 0.6 * s,
    right: 0.44 * s,
    bottom: 0.92 * s,
  });
  for (const x of [0.3, 0.5, 0.7]) {
    const r = 0.075 * s;
    canvas.fill(circle(x * s, 0.41 * s, r), WHITE, {
      left: x * s - r,
      top: 0.41 * s - r,
      right: x * s + r,
      bottom: 0.41 * s + r,
    });
  }
  if (label) drawBadge(canvas, label, 0.56 * s);
  return canvas;
}

/** Only the badge, filling a `size` x `size` square: Windows' taskbar overlay icon. */
export function drawBadgeIcon(size: number, label: string): PixelCanvas {
  const canvas = createCanvas(size, size);
  if (label) drawBadge(canvas, label, size);
  return canvas;
}

/** A red pill of the given height in the bottom-right corner with the label in white. */
function drawBadge(canvas: PixelCanvas, label: string, height: number): void {
  // Glyph cells of whole pixels keep digits crisp; the text takes about 70 % of the height.
  const cell = Math.max(1, Math.floor((height * 0.7) / GLYPH_HEIGHT));
  const text = textWidth(label, cell);
  const width = Math.min(canvas.width, Math.max(height, text + 2 * cell + height * 0.2));
  const box = {
    left: canvas.width - width,
    top: canvas.height - height,
    right: canvas.width,
    bottom: canvas.height,
  };
  canvas.fill(roundedRect(box, height / 2), BADGE, box);
  const x = Math.round(box.left + (width - text) / 2);
  const y = Math.round(box.top + (height - GLYPH_HEIGHT * cell) / 2);
  drawText(canvas, label, x, y, cell, WHITE);
}
