/**
 * A tiny RGBA raster for the tray and app icons: Electron's main process has no canvas, and
 * a badge with a number must be drawn at run time. Shapes are anti-aliased by 4x4
 * supersampling; colours are straight (not premultiplied) RGBA.
 */

export type Rgba = readonly [number, number, number, number];

export interface PixelCanvas {
  readonly width: number;
  readonly height: number;
  /** width * height * 4 bytes, row by row, RGBA. */
  readonly pixels: Uint8Array;
  /**
   * Paints `color` where `inside(x, y)` holds (x, y in pixels, continuous). The shape must be
   * convex; `bounds` limits the work to its bounding box.
   */
  fill(inside: (x: number, y: number) => boolean, color: Rgba, bounds?: Box): void;
  /** Paints the axis-aligned rectangle exactly, without anti-aliasing (pixel font). */
  fillRect(x: number, y: number, width: number, height: number, color: Rgba): void;
  pixel(x: number, y: number): Rgba;
}

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const SAMPLES = 4;

export function createCanvas(width: number, height: number): PixelCanvas {
  const pixels = new Uint8Array(width * height * 4);

  function blend(index: number, color: Rgba, coverage: number) {
    const alpha = (color[3] / 255) * coverage;
    if (alpha <= 0) return;
    const below = (pixels[index + 3] ?? 0) / 255;
    const out = alpha + below * (1 - alpha);
    for (let c = 0; c < 3; c += 1) {
      const mixed = (color[c]! * alpha + (pixels[index + c] ?? 0) * below * (1 - alpha)) / out;
      pixels[index + c] = Math.round(mixed);
    }
    pixels[index + 3] = Math.round(out * 255);
  }

  return {
    width,
    height,
    pixels,
    fill(inside, color, bounds) {
      const left = Math.max(0, Math.floor(bounds?.left ?? 0));
      const top = Math.max(0, Math.floor(bounds?.top ?? 0));
      const right = Math.min(width, Math.ceil(bounds?.right ?? width));
      const bottom = Math.min(height, Math.ceil(bounds?.bottom ?? height));
      for (let y = top; y < bottom; y += 1) {
        for (let x = left; x < right; x += 1) {
          // Every shape here is convex: a pixel whose four corners are inside is fully covered,
          // which spares the 16 samples across the large interiors of big icons.
          if (inside(x, y) && inside(x + 1, y) && inside(x, y + 1) && inside(x + 1, y + 1)) {
            blend((y * width + x) * 4, color, 1);
            continue;
          }
          let hits = 0;
          for (let sy = 0; sy < SAMPLES; sy += 1) {
            for (let sx = 0; sx < SAMPLES; sx += 1) {
              if (inside(x + (sx + 0.5) / SAMPLES, y + (sy + 0.5) / SAMPLES)) hits += 1;
            }
          }
          if (hits) blend((y * width + x) * 4, color, hits / (SAMPLES * SAMPLES));
        }
      }
    },
    fillRect(x, y, w, h, color) {
      for (let row = Math.max(0, y); row < Math.min(height, y + h); row += 1) {
        for (let col = Math.max(0, x); col < Math.min(width, x + w); col += 1) {
          blend((row * width + col) * 4, color, 1);
        }
      }
    },
    pixel(x, y) {
      const i = (y * width + x) * 4;
      return [pixels[i] ?? 0, pixels[i + 1] ?? 0, pixels[i + 2] ?? 0, pixels[i + 3] ?? 0];
    },
  };
}

/** Inside a rectangle with rounded corners of radius `r`. */
export function roundedRect(box: Box, r: number): (x: number, y: number) => boolean {
  return (x, y) => {
    if (x < box.left || x > box.right || y < box.top || y > box.bottom) return false;
    const cx = Math.min(Math.max(x, box.left + r), box.right - r);
    const cy = Math.min(Math.max(y, box.top + r), box.bottom - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
}

/** Inside a circle. */
export function circle(cx: number, cy: number, r: number): (x: number, y: number) => boolean {
  return (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** Inside the triangle a-b-c. */
export function triangle(
  a: readonly [number, number],
  b: readonly [number, number],
  c: readonly [number, number],
): (x: number, y: number) => boolean {
  const side = (p: readonly [number, number], q: readonly [number, number], x: number, y: number) =>
    (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
  return (x, y) => {
    const d1 = side(a, b, x, y);
    const d2 = side(b, c, x, y);
    const d3 = side(c, a, x, y);
    return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
  };
}
