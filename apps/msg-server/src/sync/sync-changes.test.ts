import { pb } from '@parley/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  newClientMsgId,
  openDirectId,
  startTestStack,
  type TestClient,
  type TestStack,
  type TestUser,
} from '../testing/harness.js';

let stack: TestStack;
let alice: TestUser, bob: TestUser, carol: TestUser;
let a: TestClient, b: TestClient, c: TestClient;

beforeAll(async () => {
  stack = await startTestStack();
  [alice, bob, carol] = [
    await stack.createUser('alice'),
    await stack.createUser('bob'),
    await stack.createUser('carol'),
  ];
  [a, b, c] = [
    await stack.connect(alice.token),
    await stack.connect(bob.token),
    await stack.connect(carol.token),
  ];
});
afterAll(() => stack.close());

const open = openDirectId;

async function send(client: TestClient, conversationId: number, text: string) {
  const r = await client.request({ send: { conversationId, clientMsgId: newClientMsgId(), text } });
  expect(r.body).toBe('sendAck');
  return r;
}

describe('sync', () => {
  it('returns every conversation from cursor 0, then exactly the changed ones', async () => {
    const ab = await open(b, alice.id);
    const ac = await open(c, alice.id);
    for (let i = 0; i < 3; i++) await send(b, ab, `from bob ${i}`);
    await send(c, ac, 'from carol');
    await send(a, ac, 'alice answers carol');

    const first = await a.request({ sync: { cursor: 0, latestPerConversation: 2 } });
    expect(first.body).toBe('syncResult');
    const states = new Map(
      first.syncResult?.conversations?.map((s) => [Number(s.conversation?.id), s]),
    );
    expect([...states.keys()].sort()).toEqual([ab, ac].sort());
    expect(states.get(ab)?.unread).toBe(3);
    expect(Number(states.get(ab)?.readSeq)).toBe(0); // a default uint64 decodes as Long zero
    expect(states.get(ab)?.latest?.map((m) => m.text)).toEqual(['from bob 1', 'from bob 2']);
    expect(states.get(ab)?.conversation).toMatchObject({
      kind: pb.ConversationKind.CONVERSATION_KIND_DIRECT,
      lastSeq: 3,
    });
    // Alice's reply counts as reading what came before it.
    expect(states.get(ac)?.unread ?? 0).toBe(0);
    const cursor = Number(first.syncResult?.cursor);
    expect(cursor).toBeGreaterThan(0);

    // Nothing changed: a sync returns nothing new. The cursor is the snapshot's xmin, which
    // is cluster-wide on a shared Postgres, so while another database's transaction from
    // before the first sync is still open, the same conversation may come back unchanged
    // (never missed, at most repeated). Syncing on settles once those transactions end.
    let idle = await a.request({ sync: { cursor } });
    for (let i = 0; i < 100 && (idle.syncResult?.conversations ?? []).length > 0; i++) {
      for (const again of idle.syncResult?.conversations ?? []) {
        const seen = states.get(Number(again.conversation?.id));
        expect(Number(again.conversation?.lastSeq)).toBe(Number(seen?.conversation?.lastSeq));
      }
      await new Promise((r) => setTimeout(r, 200));
      idle = await a.request({ sync: { cursor: Number(idle.syncResult?.cursor) } });
    }
    expect(idle.syncResult?.conversations ?? []).toEqual([]);

    await send(b, ab, 'one more');
    const next = await a.request({ sync: { cursor: Number(idle.syncResult?.cursor) } });
    expect(next.syncResult?.conversations?.map((s) => Number(s.conversation?.id))).toEqual([ab]);
    expect(next.syncResult?.conversations?.[0]).toMatchObject({ unread: 4 });
    expect(next.syncResult?.conversations?.[0]?.latest?.at(-1)?.text).toBe('one more');
  });

  it('returns a thousand changed conversations in one request', async () => {
    const dave = await stack.createUser('dave');
    const d = await stack.connect(dave.token);
    const start = await d.request({ sync: { cursor: 0 } });
    expect(start.syncResult?.conversations ?? []).toEqual([]);
    await stack.db.execSql(`
      WITH peers AS (
        INSERT INTO users (login, display_name, password_hash)
        SELECT 'peer' || g || '-${dave.id}', 'Peer ' || g, 'x' FROM generate_series(1, 1000) AS g RETURNING id
      ), c AS (
        INSERT INTO conversations (kind, direct_key, last_seq)
        SELECT 'direct', LEAST(${dave.id}, id) || ':' || GREATEST(${dave.id}, id), 1 FROM peers RETURNING id, direct_key
      ), mb AS (
        INSERT INTO members (conversation_id, user_id)
        SELECT c.id, split_part(c.direct_key, ':', k)::int FROM c CROSS JOIN (VALUES (1), (2)) AS v(k)
      )
      INSERT INTO messages (conversation_id, seq, sender_id, client_msg_id, body)
      SELECT c.id, 1, split_part(c.direct_key, ':', 1)::int + split_part(c.direct_key, ':', 2)::int - ${dave.id},
        gen_random_uuid(), 'hi dave' FROM c`);
    const all = await d.request(
      { sync: { cursor: Number(start.syncResult?.cursor), latestPerConversation: 1 } },
      60_000,
    );
    expect(all.body).toBe('syncResult');
    const conversations = all.syncResult?.conversations ?? [];
    expect(conversations).toHaveLength(1000);
    expect(conversations.every((s) => s.unread === 1 && s.latest?.[0]?.text === 'hi dave')).toBe(
      true,
    );
  });
});
