import { pb } from '@parley/proto';
import { describe, expect, it } from 'vitest';

import { readCount } from './read-count.js';

const member = (userId: number, readSeq: number, joinedSeq = 0) => ({
  userId,
  role: pb.MemberRole.MEMBER_ROLE_MEMBER,
  readSeq,
  joinedSeq,
});

describe('readCount', () => {
  it('counts recipients who read up to the message, not the sender or later joiners', () => {
    const view = {
      members: [member(1, 9), member(2, 5), member(3, 4), member(4, 9, 6), member(5, 2)],
    };
    expect(readCount(view, { seq: 5, senderId: 1 })).toEqual({
      read: 1,
      unread: 2,
      readers: [2],
    });
    expect(readCount(view, { seq: 2, senderId: 3 })).toEqual({
      read: 3,
      unread: 0,
      readers: [1, 2, 5],
    });
  });
});
