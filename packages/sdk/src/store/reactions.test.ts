import { describe, expect, it } from 'vitest';

import { sentMessage } from '../testing/messages.js';
import { hasReacted, withReaction } from './reactions.js';

describe('withReaction', () => {
  it('adds a new emoji at the end and a user to an existing one', () => {
    const m = sentMessage({ seq: 1, reactions: [{ emoji: '👍', userIds: [2] }] });
    const a = withReaction(m, '🎉', 1);
    expect(a.reactions).toEqual([
      { emoji: '👍', userIds: [2] },
      { emoji: '🎉', userIds: [1] },
    ]);
    const b = withReaction(a, '👍', 1);
    expect(b.reactions?.[0]).toEqual({ emoji: '👍', userIds: [2, 1] });
    expect(hasReacted(b, '👍', 1)).toBe(true);
    expect(hasReacted(b, '👍', 3)).toBe(false);
  });

  it('takes a reaction back and drops an emoji nobody uses any more', () => {
    const m = sentMessage({ seq: 1, reactions: [{ emoji: '👍', userIds: [1, 2] }] });
    const a = withReaction(m, '👍', 1, true);
    expect(a.reactions).toEqual([{ emoji: '👍', userIds: [2] }]);
    const b = withReaction(a, '👍', 2, true);
    expect(b.reactions).toBeUndefined();
  });

  it('returns the same message for a repeat', () => {
    const m = sentMessage({ seq: 1, reactions: [{ emoji: '👍', userIds: [1] }] });
    expect(withReaction(m, '👍', 1)).toBe(m);
    expect(withReaction(m, '🎉', 1, true)).toBe(m);
  });
});
