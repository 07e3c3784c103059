import type { PixelCanvas, Rgba } from './pixel-canvas.js';

// 3x5 glyphs: enough for a badge ("1".."99", "99+") at the tiny sizes of a tray icon,
// where a real font would be a blur anyway.
const GLYPHS: Record<string, readonly string[]> = {
  '0': ['111', '101', '101', '101', '111'],
  '1': ['010', '110', '010', '010', '111'],
  '2': ['111', '001', '111', '100', '111'],
  '3': ['111', '001', '111', '001', '111'],
  '4': ['101', '101', '111', '001', '001'],
  '5': ['111', '100', '111', '001', '111'],
  '6': ['111', '100', '111', '101', '111'],
  '7': ['111', '001', '001', '001', '001'],
  '8': ['111', '101', '111', '101', '111'],
  '9': ['111', '101', '111', '001', '111'],
  '+': ['000', '010', '111', '010', '000'],
};

export const GLYPH_WIDTH = 3;
export const GLYPH_HEIGHT = 5;

/** Width in pixels of `text` drawn with cells of `cell` pixels (one empty column between glyphs). */
export function textWidth(text: string, cell: number): number {
  return text.length === 0 ? 0 : (text.length * (GLYPH_WIDTH + 1) - 1) * cell;
}

/** Draws `text` (digits and '+') with its top-left corner at (x, y). */
export function drawText(
  canvas: PixelCanvas,
  text: string,
  x: number,
  y: number,
  cell: number,
  color: Rgba,
): void {
  let left = x;
  for (const char of text) {
    const glyph = GLYPHS[char];
    if (!glyph) throw new Error(`no glyph for ${JSON.stringify(char)}`);
    glyph.forEach((row, r) => {
      [...row].forEach((bit, c) => {
        if (bit === '1') canvas.fillRect(left + c * cell, y + r * cell, cell, cell, color);
      });
    });
    left += (GLYPH_WIDTH + 1) * cell;
  }
}
