import { describe, expect, it } from 'vitest';

import { pendingOwnMessage, sentMessage } from '../testing/messages.js';
import { ulid } from '../ulid/ulid.js';
import { findGap, isGapAfterPush } from './find-gap.js';

const list = (...seqs: number[]) => seqs.map((seq) => sentMessage({ seq }));

describe('findGap', () => {
  it('is undefined for contiguous and empty lists', () => {
    expect(findGap([])).toBeUndefined();
    expect(findGap(list(1, 2, 3))).toBeUndefined();
    expect(findGap(list(40, 41))).toBeUndefined(); // older history is not a gap
  });

  it('names the seq after which the first hole starts', () => {
    expect(findGap(list(1, 2, 5, 6))).toBe(2);
    // Holes starting below `from` are passed over.
    expect(findGap(list(1, 2, 5, 6, 9), 3)).toBe(6);
    expect(findGap(list(1, 2, 5, 6, 9), 7)).toBeUndefined();
    expect(findGap(list(1, 3, 4, 9))).toBe(1);
  });

  it('ignores pending own messages at the end', () => {
    expect(findGap([...list(1, 2), pendingOwnMessage(ulid())])).toBeUndefined();
  });
});

describe('isGapAfterPush', () => {
  it('accepts the next seq', () => {
    expect(isGapAfterPush(list(1, 2, 3), 3, 4)).toBe(false);
  });

  it('detects a skipped seq', () => {
    expect(isGapAfterPush(list(1, 2, 3), 3, 5)).toBe(true);
  });

  it('is not a gap when the seq is known or older (duplicate or hole filler)', () => {
    expect(isGapAfterPush(list(1, 2, 3), 3, 3)).toBe(false);
    expect(isGapAfterPush(list(1, 3), 3, 2)).toBe(false);
  });

  it('uses the conversation lastSeq when no message is loaded', () => {
    expect(isGapAfterPush([], 10, 11)).toBe(false);
    expect(isGapAfterPush([], 10, 12)).toBe(true);
    expect(isGapAfterPush([], 0, 1)).toBe(false);
  });
});
