import { describe, expect, it } from 'vitest';

import { pendingOwnMessage, sentMessage } from '../testing/messages.js';
import { ulid } from '../ulid/ulid.js';
import { highestSeq, lowestSeq, mergeMessages, removePending } from './merge-messages.js';

const seqs = (list: { seq: number }[]) => list.map((m) => m.seq);

describe('mergeMessages', () => {
  it('orders by seq whatever the arrival order', () => {
    const list = mergeMessages(
      [sentMessage({ seq: 3 }), sentMessage({ seq: 1 })],
      [sentMessage({ seq: 2 }), sentMessage({ seq: 5 })],
    );
    expect(seqs(list)).toEqual([1, 2, 3, 5]);
  });

  it('keeps one message per seq (sync, push and history overlap)', () => {
    const push = sentMessage({ seq: 4, text: 'from push' });
    const fromHistory = sentMessage({ seq: 4, text: 'from history' });
    const list = mergeMessages(mergeMessages([], [push]), [fromHistory, sentMessage({ seq: 4 })]);
    expect(list).toHaveLength(1);
    expect(list[0]?.seq).toBe(4);
  });

  it('replaces the pending copy once the acknowledged one arrives', () => {
    const id = ulid();
    const pending = pendingOwnMessage(id);
    const acked = sentMessage({ seq: 7, senderId: 1, clientMsgId: id });
    const list = mergeMessages([sentMessage({ seq: 6 }), pending], [acked]);
    expect(list.map((m) => [m.seq, m.status])).toEqual([
      [6, 'sent'],
      [7, 'sent'],
    ]);
  });

  it('drops a late pending copy of an acknowledged message (outbox reload after ack)', () => {
    const id = ulid();
    const list = mergeMessages(
      [sentMessage({ seq: 1, senderId: 1, clientMsgId: id })],
      [pendingOwnMessage(id)],
    );
    expect(seqs(list)).toEqual([1]);
  });

  it('does not confuse equal client ids of different senders', () => {
    const id = ulid();
    const list = mergeMessages(
      [pendingOwnMessage(id, { senderId: 1 })],
      [sentMessage({ seq: 1, senderId: 2, clientMsgId: id })],
    );
    expect(list.map((m) => m.status)).toEqual(['sent', 'sending']);
  });

  it('puts pending messages after sent ones, in the order they were written', () => {
    const [a, b, c] = [ulid(), ulid(), ulid()];
    const list = mergeMessages(
      [pendingOwnMessage(c), sentMessage({ seq: 1 })],
      [pendingOwnMessage(a), pendingOwnMessage(b), sentMessage({ seq: 2 })],
    );
    expect(list.map((m) => m.clientMsgId || m.seq)).toEqual([1, 2, a, b, c]);
  });

  it('updates a pending message in place (sending -> failed)', () => {
    const id = ulid();
    const list = mergeMessages(
      [pendingOwnMessage(id)],
      [pendingOwnMessage(id, { status: 'failed' })],
    );
    expect(list).toHaveLength(1);
    expect(list[0]?.status).toBe('failed');
  });

  it('never mutates its inputs', () => {
    const existing = Object.freeze([sentMessage({ seq: 2 })]);
    const incoming = Object.freeze([sentMessage({ seq: 1 })]);
    const list = mergeMessages(existing, incoming);
    expect(seqs(list)).toEqual([1, 2]);
    expect(seqs([...existing])).toEqual([2]);
  });
});

describe('list helpers', () => {
  it('removes one pending message', () => {
    const [a, b] = [ulid(), ulid()];
    const list = removePending([pendingOwnMessage(a), pendingOwnMessage(b)], 1, a);
    expect(list.map((m) => m.clientMsgId)).toEqual([b]);
  });

  it('finds the lowest and highest seq, ignoring pending ones', () => {
    const list = mergeMessages(
      [],
      [sentMessage({ seq: 4 }), sentMessage({ seq: 9 }), pendingOwnMessage(ulid())],
    );
    expect(lowestSeq(list)).toBe(4);
    expect(highestSeq(list)).toBe(9);
    expect(lowestSeq([])).toBe(0);
    expect(highestSeq([pendingOwnMessage(ulid())])).toBe(0);
  });
});
