import { describe, expect, it } from 'vitest';

import { fitBox, formatBytes } from './format-bytes';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1536, '1.5 KB'],
    [5 * 1024 * 1024, '5.0 MB'],
    [300 * 1024 * 1024, '300 MB'],
    [3 * 1024 ** 4, '3.0 TB'],
  ])('%i bytes', (bytes, text) => expect(formatBytes(bytes)).toBe(text));
});

describe('fitBox', () => {
  it('keeps the aspect ratio within the limits and never enlarges', () => {
    expect(fitBox(1000, 500)).toEqual({ width: 320, height: 160 });
    expect(fitBox(500, 1000)).toEqual({ width: 120, height: 240 });
    expect(fitBox(40, 30)).toEqual({ width: 40, height: 30 });
    expect(fitBox(0, 0)).toEqual({ width: 320, height: 240 });
  });
});
