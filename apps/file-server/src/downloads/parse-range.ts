import type { ByteRange } from '../storage/object-storage.js';

export type RangeRequest =
  | { kind: 'full' }
  | { kind: 'partial'; range: ByteRange }
  | { kind: 'unsatisfiable' };

/**
 * Reads an HTTP Range header for a representation of `size` bytes (RFC 9110 §14). One range
 * is served; a multi-range or malformed header is ignored (the full body, as the RFC allows);
 * a range that starts past the end, or any range of an empty file, is unsatisfiable (416).
 *
 * @example
 * parseRange('bytes=0-99', 1000); // { kind: 'partial', range: { start: 0, end: 99 } }
 * parseRange('bytes=-100', 1000); // the last 100 bytes
 */
export function parseRange(header: string | undefined, size: number): RangeRequest {
  if (!header) return { kind: 'full' };
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return { kind: 'full' };
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'full' };
  if (first === '') {
    // Suffix: the last N bytes.
    const n = Number(last);
    if (n === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', range: { start: Math.max(0, size - n), end: size - 1 } };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (!Number.isSafeInteger(start) || start >= size) return { kind: 'unsatisfiable' };
  if (end < start) return { kind: 'full' };
  return { kind: 'partial', range: { start, end } };
}
