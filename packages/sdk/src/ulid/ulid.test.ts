import { describe, expect, it } from 'vitest';

import { createUlidFactory, isUlid, ulid, ulidFromBytes, ulidTime, ulidToBytes } from './ulid.js';

describe('ulid', () => {
  it('makes 26-character ids that encode the current time', () => {
    const before = Date.now();
    const id = ulid();
    expect(id).toHaveLength(26);
    expect(isUlid(id)).toBe(true);
    expect(ulidTime(id)).toBeGreaterThanOrEqual(before);
    expect(ulidTime(id)).toBeLessThanOrEqual(Date.now());
  });

  it('round-trips through 16 wire bytes', () => {
    for (let i = 0; i < 200; i++) {
      const id = ulid();
      const bytes = ulidToBytes(id);
      expect(bytes).toHaveLength(16);
      expect(ulidFromBytes(bytes)).toBe(id);
    }
  });

  it('matches the spec encoding of known bytes', () => {
    const bytes = new Uint8Array(16);
    expect(ulidFromBytes(bytes)).toBe('00000000000000000000000000');
    bytes.fill(0xff);
    expect(ulidFromBytes(bytes)).toBe('7ZZZZZZZZZZZZZZZZZZZZZZZZZ');
    // Time 1469918176385 is the spec's example: 01ARYZ6S41.
    const next = createUlidFactory(
      (b) => b.fill(0),
      () => 1469918176385,
    );
    expect(next().slice(0, 10)).toBe('01ARYZ6S41');
  });

  it('stays monotonic within one millisecond and across a clock step back', () => {
    let time = 1_700_000_000_000;
    const next = createUlidFactory(
      (b) => b.fill(0xfe),
      () => time,
    );
    const ids = [next(), next(), next()];
    time -= 5; // the wall clock went backwards
    ids.push(next());
    time += 100;
    ids.push(next());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('sorts by time across milliseconds', () => {
    let time = 1_000;
    const next = createUlidFactory(undefined, () => time);
    const a = next();
    time = 2_000;
    const b = next();
    expect(a < b).toBe(true);
  });

  it('rejects malformed ids and odd byte lengths', () => {
    expect(isUlid('not-a-ulid')).toBe(false);
    expect(isUlid('8ZZZZZZZZZZZZZZZZZZZZZZZZZ')).toBe(false); // over 48 bits of time
    expect(() => ulidToBytes('hello')).toThrow(/not a ULID/);
    expect(ulidFromBytes(new Uint8Array(8))).toBe('');
    expect(ulidFromBytes(undefined)).toBe('');
  });
});
