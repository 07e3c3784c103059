import { describe, expect, it } from 'vitest';

import type { pb } from '@parley/proto';

import { toUserInfo } from '../model/normalize.js';
import { ChatStore } from '../store/chat-store.js';
import { GapRepair, type HistoryFetcher } from './gap-repair.js';

/** The conversation's full log as the server would hold it (seq 1..n). */
function log(n: number): pb.Message.$Properties[] {
  return Array.from({ length: n }, (_, i) => ({
    conversationId: 10,
    seq: i + 1,
    id: i + 1,
    senderId: 2,
    text: `m${i + 1}`,
    createdAt: i + 1,
  }));
}

/** History by seq range over `messages`, as the protocol defines it. */
function historyOver(
  messages: pb.Message.$Properties[],
  calls: pb.HistoryRequest.$Properties[],
): HistoryFetcher {
  return (req) => {
    calls.push(req);
    const after = req.afterSeq ?? 0;
    const limit = req.limit ?? 50;
    const page = messages.filter((m) => (m.seq ?? 0) > after).slice(0, limit);
    const last = page[page.length - 1]?.seq ?? after;
    return Promise.resolve({ messages: page, hasMore: messages.some((m) => (m.seq ?? 0) > last) });
  };
}

function storeWith(seqs: number[], all: pb.Message.$Properties[]): ChatStore {
  const store = new ChatStore();
  store.setMe(toUserInfo({ id: 1, login: 'me' }));
  store.applyConversationStates([
    {
      conversation: { id: 10, lastSeq: all.length, members: [{ userId: 1 }, { userId: 2 }] },
      latest: all.filter((m) => seqs.includes(m.seq ?? 0)),
    },
  ]);
  return store;
}

const seqsOf = (store: ChatStore) => store.messagesOf(10).map((m) => m.seq);

describe('GapRepair', () => {
  it('pulls the missing range after the hole', async () => {
    const all = log(6);
    const calls: pb.HistoryRequest.$Properties[] = [];
    const store = storeWith([1, 2, 5, 6], all);
    const repair = new GapRepair(store, historyOver(all, calls), (e) => {
      throw e;
    });
    await repair.request(10);
    expect(seqsOf(store)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(calls[0]?.afterSeq).toBe(2);
  });

  it('starts from an explicit seq when the hole is below everything loaded', async () => {
    const all = log(12);
    const calls: pb.HistoryRequest.$Properties[] = [];
    const store = storeWith([12], all);
    const repair = new GapRepair(store, historyOver(all, calls), () => undefined);
    await repair.request(10, 10);
    expect(seqsOf(store)).toEqual([11, 12]);
  });

  it('pages until the hole is closed', async () => {
    const all = log(250);
    const calls: pb.HistoryRequest.$Properties[] = [];
    const store = storeWith([1, 250], all);
    const repair = new GapRepair(store, historyOver(all, calls), () => undefined);
    await repair.request(10);
    expect(seqsOf(store)).toHaveLength(250);
    expect(calls.map((c) => c.afterSeq)).toEqual([1, 101, 201]);
  });

  it('gives up on a huge hole and keeps the newest contiguous messages', async () => {
    const all = log(2000);
    const store = storeWith([1, 2, 1999, 2000], all);
    const repair = new GapRepair(store, historyOver(all, []), () => undefined);
    await repair.request(10);
    const seqs = seqsOf(store);
    expect(seqs[0]).toBeGreaterThan(2);
    expect(seqs[seqs.length - 1]).toBe(2000);
    expect(store.getState().conversations.get(10)?.hasOlder).toBe(true);
    // What is left is contiguous.
    expect(seqs.every((s, i) => i === 0 || s === (seqs[i - 1] ?? 0) + 1)).toBe(true);
  });

  it('passes over a hole history cannot fill, so a later hole is still repaired', async () => {
    // Seq 5 was hidden by the user ("delete for me"): history never returns it.
    const all = log(300).filter((m) => m.seq !== 5);
    const calls: pb.HistoryRequest.$Properties[] = [];
    const store = storeWith([1, 2, 3, 4, 6, 7, 8, 9, 10, 150, 151, 300], all);
    const repair = new GapRepair(store, historyOver(all, calls), () => undefined);
    await repair.request(10);
    expect(seqsOf(store)).toEqual(all.map((m) => m.seq));
    expect(calls.map((c) => c.afterSeq)).toEqual([4, 105, 205]);
  });

  it.each([
    ['near', [1, 2, 3, 4, 6, 7, 300], [5, 200]],
    ['far, hidden below', [1, 2, 3, 4, 6, 1999, 2000], [5]],
    ['far, hidden in the newest run', [1, 2, 1989, 1991, 2000], [1990]],
    ['far, several holes', [1, 700, 701, 1400, 1401, 1402, 2000], [3, 702, 1500, 1999]],
  ])('leaves no hole but unfillable ones (%s)', async (_name, loaded, hidden) => {
    const all = log(2000).filter((m) => !hidden.includes(m.seq ?? 0));
    const store = storeWith(loaded, all);
    const repair = new GapRepair(store, historyOver(all, []), () => undefined);
    await repair.request(10);
    const seqs = seqsOf(store);
    expect(seqs[seqs.length - 1]).toBe(Math.max(...loaded));
    for (let i = 1; i < seqs.length; i++) {
      const [previous = 0, current = 0] = [seqs[i - 1], seqs[i]];
      for (let missing = previous + 1; missing < current; missing++) {
        expect(hidden, `seq ${missing} missing from the list`).toContain(missing);
      }
    }
    // Whatever was dropped to stay contiguous comes back by scrolling.
    const hasOlder = store.getState().conversations.get(10)?.hasOlder;
    if ((seqs[0] ?? 0) > 1) expect(hasOlder).toBe(true);
  });

  it('runs one repair per conversation at a time', async () => {
    const all = log(6);
    const calls: pb.HistoryRequest.$Properties[] = [];
    const store = storeWith([1, 6], all);
    const repair = new GapRepair(store, historyOver(all, calls), () => undefined);
    const a = repair.request(10);
    const b = repair.request(10);
    await Promise.all([a, b]);
    await repair.idle();
    expect(seqsOf(store)).toEqual([1, 2, 3, 4, 5, 6]);
    // The second request re-ran after the first and found nothing left to do.
    expect(calls).toHaveLength(1);
  });

  it('reports fetch failures instead of throwing', async () => {
    const store = storeWith([1, 3], log(3));
    const errors: unknown[] = [];
    const repair = new GapRepair(
      store,
      () => Promise.reject(new Error('offline')),
      (e) => errors.push(e),
    );
    await repair.request(10);
    expect(errors).toHaveLength(1);
  });
});
