import { inflateSync } from 'node:zlib';

import { describe, expect, it } from 'vitest';

import { badgeLabel, drawAppIcon, drawBadgeIcon } from './draw-icons.js';
import { encodePng } from './encode-png.js';
import { createCanvas } from './pixel-canvas.js';

/** Reads back what encodePng wrote, checking every chunk's CRC on the way. */
function decodePng(png: Buffer) {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  const chunks: Array<{ type: string; data: Buffer }> = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.subarray(offset + 4, offset + 8).toString('ascii');
    const data = png.subarray(offset + 8, offset + 8 + length);
    const crc = png.readUInt32BE(offset + 8 + length);
    expect(crc).toBe(crc32(png.subarray(offset + 4, offset + 8 + length)));
    chunks.push({ type, data });
    offset += 12 + length;
  }
  const header = chunks[0]!.data;
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const raw = inflateSync(
    Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)),
  );
  const pixels = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    raw.copy(pixels, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return {
    types: chunks.map((c) => c.type),
    width,
    height,
    bitDepth: header[8],
    colorType: header[9],
    pixels,
  };
}

// An independent CRC-32 (bitwise), so the test does not check zlib against itself.
function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k += 1) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

const RED = (p: readonly number[]) => p[0]! > 200 && p[1]! < 80 && p[2]! < 80 && p[3]! > 200;
const WHITE = (p: readonly number[]) => p[0]! > 240 && p[1]! > 240 && p[2]! > 240 && p[3]! > 240;

describe('badgeLabel', () => {
  it.each([
    [0, ''],
    [-3, ''],
    [Number.NaN, ''],
    [1, '1'],
    [42, '42'],
    [99, '99'],
    [100, '99+'],
    [123456, '99+'],
  ])('%d -> %j', (count, label) => {
    expect(badgeLabel(count)).toBe(label);
  });
});

describe('encodePng', () => {
  it('writes a valid 8-bit RGBA PNG holding exactly the canvas pixels', () => {
    const canvas = drawAppIcon(32, '7');
    const decoded = decodePng(encodePng(canvas));
    expect(decoded).toMatchObject({ width: 32, height: 32, bitDepth: 8, colorType: 6 });
    expect(decoded.types).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(new Uint8Array(decoded.pixels)).toEqual(canvas.pixels);
  });

  it('encodes a non-square canvas row by row', () => {
    const canvas = createCanvas(3, 2);
    canvas.fillRect(2, 1, 1, 1, [1, 2, 3, 255]);
    const decoded = decodePng(encodePng(canvas));
    expect([...decoded.pixels.subarray(20, 24)]).toEqual([1, 2, 3, 255]);
    expect(decoded.pixels.subarray(0, 20).every((b) => b === 0)).toBe(true);
  });
});

describe('drawAppIcon', () => {
  it('draws a bubble with no badge for zero unread', () => {
    const canvas = drawAppIcon(32);
    expect(canvas.pixel(16, 4)).toEqual([79, 70, 229, 255]); // bubble body
    expect(canvas.pixel(0, 0)[3]).toBe(0); // transparent corner
    let red = 0;
    for (let y = 0; y < 32; y += 1)
      for (let x = 0; x < 32; x += 1) if (RED(canvas.pixel(x, y))) red += 1;
    expect(red).toBe(0);
  });

  it('adds a red badge with white digits in the bottom-right corner', () => {
    const canvas = drawAppIcon(32, '5');
    expect(RED(canvas.pixel(31 - 2, 31 - 8))).toBe(true);
    let white = 0;
    for (let y = 16; y < 32; y += 1)
      for (let x = 14; x < 32; x += 1) if (WHITE(canvas.pixel(x, y))) white += 1;
    // "5" in a 3x5 font has 11 lit cells of 2x2 pixels.
    expect(white).toBe(44);
  });

  it('draws different pictures for different counts and a wider badge for 99+', () => {
    const one = Buffer.from(drawAppIcon(32, '1').pixels);
    const two = Buffer.from(drawAppIcon(32, '2').pixels);
    expect(one.equals(two)).toBe(false);
    const redColumns = (label: string) => {
      const canvas = drawAppIcon(32, label);
      let columns = 0;
      for (let x = 0; x < 32; x += 1) {
        if ([...Array(32).keys()].some((y) => RED(canvas.pixel(x, y)))) columns += 1;
      }
      return columns;
    };
    expect(redColumns('99+')).toBeGreaterThan(redColumns('9'));
  });

  // Drawing 512 x 512 pixels takes a moment on a loaded CI machine.
  it('scales to the 512 px app icon', { timeout: 20_000 }, () => {
    const canvas = drawAppIcon(512);
    expect(canvas.pixel(256, 100)).toEqual([79, 70, 229, 255]);
    expect(WHITE(canvas.pixel(256, 210))).toBe(true); // the middle dot
  });
});

describe('drawBadgeIcon', () => {
  it('is transparent without a label and a red disc with one', () => {
    expect(drawBadgeIcon(32, '').pixels.every((b) => b === 0)).toBe(true);
    const canvas = drawBadgeIcon(32, '3');
    expect(RED(canvas.pixel(4, 16))).toBe(true);
    expect(canvas.pixel(0, 0)[3]).toBeLessThan(64);
  });
});
