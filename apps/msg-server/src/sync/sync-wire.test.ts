import type { ConversationState, StoredMessage } from '@parley/db';
import { decodeFrame, encodeFrame, pb } from '@parley/proto';
import { describe, expect, it } from 'vitest';

import { conversationStatesToWire, conversationStateToWire } from '../wire/to-wire.js';

const at = (ms: number) => new Date(Date.UTC(2026, 10, 27, 4, 0, 0, ms));

function message(seq: number, extra: Partial<StoredMessage> = {}): StoredMessage {
  return {
    id: 1000 + seq,
    conversationId: 7,
    seq,
    senderId: 2,
    clientMsgId: '0190f3c2-7a1b-7cde-8f01-23456789abcd',
    kind: 'text',
    body: `message ${seq}`,
    replyToId: null,
    mentions: [],
    createdAt: at(seq),
    editedAt: null,
    recalledAt: null,
    system: null,
    attachments: [],
    reactions: [],
    ...extra,
  };
}

const states: ConversationState[] = [
  {
    conversation: {
      id: 7,
      kind: 'group_fixed',
      title: 'Team',
      ownerId: 2,
      lastSeq: 9,
      createdAt: at(0),
      members: [
        { userId: 1, role: 'member', readSeq: 0, joinedSeq: 0 },
        { userId: 2, role: 'owner', readSeq: 9, joinedSeq: 0 },
        { userId: 3, role: 'admin', readSeq: 4, joinedSeq: 2 },
      ],
    },
    readSeq: 3,
    unread: 6,
    mentions: 1,
    latest: [
      message(1, {
        kind: 'system',
        body: '{"kind":"members_added","userIds":[3],"title":""}',
        system: { kind: 'members_added', userIds: [3], title: '' },
      }),
      message(2, { replyToId: 1001, mentions: [1, 3], editedAt: at(50) }),
      message(3, { recalledAt: at(60), body: '' }),
      message(4, {
        kind: 'image',
        body: '',
        clientMsgId: 'FFFFFFFF-0000-4000-A000-0123456789AB',
        attachments: [
          {
            id: 5,
            name: 'a.png',
            mime: 'image/png',
            size: 1234,
            width: 640,
            height: 480,
            hasThumbnail: true,
          },
          {
            id: 6,
            name: 'b.pdf',
            mime: 'application/pdf',
            size: 9,
            width: null,
            height: null,
            hasThumbnail: false,
          },
        ],
        reactions: [{ emoji: '👍', userIds: [1, 3] }],
      }),
    ],
    changed: [message(0, { seq: 0, editedAt: at(70) })],
    hidden: [1005, 1003],
    left: false,
    muted: true,
    pinned: true,
  },
  {
    conversation: {
      id: 8,
      kind: 'direct',
      title: '',
      ownerId: null,
      lastSeq: 0,
      createdAt: at(1),
      members: [{ userId: 1, role: 'member', readSeq: 0, joinedSeq: 0 }],
    },
    readSeq: 0,
    unread: 0,
    mentions: 0,
    latest: [],
    changed: [],
    hidden: [],
    left: true,
    muted: false,
    pinned: false,
  },
];

const decoded = (conversations: pb.ConversationState.$Properties[]) =>
  pb.Frame.toObject(
    decodeFrame(encodeFrame({ rid: 1, syncResult: { conversations, cursor: 42 } })),
    { defaults: true, longs: Number, bytes: Array },
  );

describe('conversationStatesToWire', () => {
  it('decodes to exactly what conversationStateToWire decodes to, in the same bytes', () => {
    const lean = conversationStatesToWire(states);
    const full = states.map(conversationStateToWire);
    expect(decoded(lean)).toEqual(decoded(full));
    const size = (c: pb.ConversationState.$Properties[]) =>
      encodeFrame({ rid: 1, syncResult: { conversations: c, cursor: 42 } }).byteLength;
    expect(size(lean)).toBe(size(full));
  });

  it('converts client_msg_id like clientMsgIdToBytes, upper or lower case', () => {
    const [state] = conversationStatesToWire(states);
    const ids = (state?.latest ?? []).map((m) => Buffer.from(m.clientMsgId ?? []).toString('hex'));
    expect(ids[0]).toBe('0190f3c27a1b7cde8f0123456789abcd');
    expect(ids[3]).toBe('ffffffff00004000a0000123456789ab');
  });
});
