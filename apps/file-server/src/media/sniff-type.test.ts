import { describe, expect, it } from 'vitest';

import { sniffType } from './sniff-type.js';

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(
    parts.flatMap((p) => (typeof p === 'string' ? Array.from(p, (c) => c.charCodeAt(0)) : p)),
  );

describe('sniffType', () => {
  it.each([
    ['image/png', bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])],
    ['image/jpeg', bytes([0xff, 0xd8, 0xff, 0xe0])],
    ['image/gif', bytes('GIF89a', [1, 0])],
    ['image/gif', bytes('GIF87a')],
    ['image/webp', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 ')],
    ['audio/wav', bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt ')],
    ['application/pdf', bytes('%PDF-1.7\n')],
    ['application/zip', bytes('PK', [3, 4, 20, 0])],
    ['application/zip', bytes('PK', [5, 6, 0, 0])],
    ['audio/ogg', bytes('OggS', [0, 2])],
    ['audio/mpeg', bytes('ID3', [4, 0, 0])],
    ['audio/mpeg', bytes([0xff, 0xfb, 0x90, 0x64])],
    ['video/mp4', bytes([0, 0, 0, 0x20], 'ftypisom')],
    ['audio/mp4', bytes([0, 0, 0, 0x20], 'ftypM4A ')],
    ['video/webm', bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84], 'webm')],
  ])('recognises %s', (type, head) => {
    expect(sniffType(head)).toBe(type);
  });

  it.each([
    ['empty input', bytes()],
    ['HTML', bytes('<!doctype html><script>alert(1)</script>')],
    ['SVG', bytes('<svg xmlns="http://www.w3.org/2000/svg">')],
    ['plain text', bytes('hello world')],
    ['a truncated PNG signature', bytes([0x89], 'PN')],
    ['Matroska that is not WebM', bytes([0x1a, 0x45, 0xdf, 0xa3], 'matroska')],
    ['an AAC frame (not layer III)', bytes([0xff, 0xf1, 0x50, 0x80])],
    ['an MPEG frame with a bad bitrate', bytes([0xff, 0xfb, 0xf0, 0x00])],
  ])('calls %s application/octet-stream', (_name, head) => {
    expect(sniffType(head)).toBe('application/octet-stream');
  });
});
