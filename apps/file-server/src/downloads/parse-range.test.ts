import { describe, expect, it } from 'vitest';

import { contentDisposition } from './content-disposition.js';
import { parseRange } from './parse-range.js';

describe('parseRange', () => {
  it.each([
    [undefined, 1000, { kind: 'full' }],
    ['bytes=0-99', 1000, { kind: 'partial', range: { start: 0, end: 99 } }],
    ['bytes=900-', 1000, { kind: 'partial', range: { start: 900, end: 999 } }],
    ['bytes=900-5000', 1000, { kind: 'partial', range: { start: 900, end: 999 } }],
    ['bytes=-100', 1000, { kind: 'partial', range: { start: 900, end: 999 } }],
    ['bytes=-5000', 1000, { kind: 'partial', range: { start: 0, end: 999 } }],
    ['bytes=999-999', 1000, { kind: 'partial', range: { start: 999, end: 999 } }],
    ['bytes=1000-', 1000, { kind: 'unsatisfiable' }],
    ['bytes=-0', 1000, { kind: 'unsatisfiable' }],
    ['bytes=0-', 0, { kind: 'unsatisfiable' }],
    ['bytes=5-1', 1000, { kind: 'full' }],
    ['bytes=0-1,5-6', 1000, { kind: 'full' }],
    ['items=0-1', 1000, { kind: 'full' }],
    ['bytes=-', 1000, { kind: 'full' }],
  ])('%s of %i bytes', (header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('attachment', 'Grüße "q".pdf')).toBe(
      `attachment; filename="Gr__e _q_.pdf"; filename*=UTF-8''Gr%C3%BC%C3%9Fe%20%22q%22.pdf`,
    );
    expect(contentDisposition('inline', "it's (1).png")).toBe(
      `inline; filename="it's (1).png"; filename*=UTF-8''it%27s%20%281%29.png`,
    );
  });
});
