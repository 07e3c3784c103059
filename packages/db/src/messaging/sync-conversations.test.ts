import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDatabase, settleTransactions, type TestDatabase } from '../testing/index.js';
import { createGroup } from './create-group.js';
import { markRead } from './mark-read.js';
import { openDirect } from './open-direct.js';
import { sendMessage } from './send-message.js';
import { syncConversations, unchangedSyncCursor } from './sync-conversations.js';
import { insertTestUsers, newClientMsgId } from './test-users.js';

let t: TestDatabase;
let alice: number, bob: number, carol: number;

beforeAll(async () => {
  t = await createTestDatabase();
  [alice, bob, carol] = (await insertTestUsers(t.db, 3)) as [number, number, number];
}, 120_000);
afterAll(() => t.cleanup());

const send = (conversationId: number, senderId: number, body = 'hi', mentions: number[] = []) =>
  sendMessage(t.db, { conversationId, senderId, clientMsgId: newClientMsgId(), body, mentions });

describe('syncConversations', () => {
  it('returns every conversation on first sync and only the changed ones from a cursor', async () => {
    const ab = (await openDirect(t.db, alice, bob, 0)).state.conversation.id;
    const ac = (await openDirect(t.db, alice, carol, 0)).state.conversation.id;
    const group = (
      await createGroup(t.db, {
        creatorId: carol,
        kind: 'group_temporary',
        title: 'g',
        memberIds: [alice, bob],
      })
    ).state.conversation.id;
    for (let i = 0; i < 5; i++) await send(ab, bob, `b${i}`);
    await send(ac, alice, 'to carol');
    await send(group, carol, 'hey @alice', [alice]);
    await send(group, bob, 'hello all');

    await settleTransactions(t.db);
    const first = await syncConversations(t.db, alice, { cursor: 0, latest: 3 });
    expect(first.cursor).toBeGreaterThan(0);
    const byId = new Map(first.conversations.map((c) => [c.conversation.id, c]));
    expect([...byId.keys()].sort()).toEqual([ab, ac, group].sort());
    expect(byId.get(ab)).toMatchObject({ unread: 5, readSeq: 0, mentions: 0, left: false });
    expect(byId.get(ab)?.latest.map((m) => m.body)).toEqual(['b2', 'b3', 'b4']);
    expect(byId.get(ab)?.conversation).toMatchObject({ kind: 'direct', lastSeq: 5 });
    expect(byId.get(ab)?.conversation.members.map((m) => m.userId)).toEqual(
      [alice, bob].sort((x, y) => x - y),
    );
    expect(byId.get(ac)).toMatchObject({ unread: 0, readSeq: 1 });
    // Unread: "group created", the mention and "hello all".
    expect(byId.get(group)).toMatchObject({ unread: 3, mentions: 1 });
    expect(byId.get(group)?.conversation).toMatchObject({
      kind: 'group_temporary',
      title: 'g',
      ownerId: carol,
    });

    // Nothing happened: nothing comes back.
    const idle = await syncConversations(t.db, alice, { cursor: first.cursor, latest: 3 });
    expect(idle.conversations).toEqual([]);

    // A new message in one conversation, a read in another (by the other member).
    await send(ab, bob, 'b5');
    await markRead(t.db, carol, ac, 1);
    await settleTransactions(t.db);
    const next = await syncConversations(t.db, alice, { cursor: idle.cursor, latest: 10 });
    expect(next.conversations.map((c) => c.conversation.id).sort()).toEqual([ab, ac].sort());
    const abState = next.conversations.find((c) => c.conversation.id === ab);
    expect(abState).toMatchObject({ unread: 6 });
    expect(abState?.latest.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    const acState = next.conversations.find((c) => c.conversation.id === ac);
    expect(acState?.conversation.members.find((m) => m.userId === carol)?.readSeq).toBe(1);

    // Alice reading on another device changes her view too.
    await markRead(t.db, alice, group, 3);
    await settleTransactions(t.db);
    const afterRead = await syncConversations(t.db, alice, { cursor: next.cursor, latest: 0 });
    expect(afterRead.conversations.map((c) => c.conversation.id)).toEqual([group]);
    expect(afterRead.conversations[0]).toMatchObject({
      unread: 0,
      mentions: 0,
      readSeq: 3,
      latest: [],
    });

    // Bob's view is his own.
    const forBob = await syncConversations(t.db, bob, { cursor: 0, latest: 1 });
    expect(forBob.conversations.map((c) => c.conversation.id).sort()).toEqual([ab, group].sort());
    // Bob wrote the group's last message, which counts as reading everything before it.
    expect(forBob.conversations.find((c) => c.conversation.id === group)).toMatchObject({
      unread: 0,
      readSeq: 3,
    });
  });

  it('catches a write that commits after the cursor was taken', async () => {
    const ab = (await openDirect(t.db, alice, bob, 0)).state.conversation.id;
    const base = await syncConversations(t.db, bob, { cursor: 0, latest: 0 });
    let during = base;
    if (t.db.kind === 'postgres') {
      // A send that is still open while bob syncs: its rows are invisible to that snapshot.
      await t.db.sqlTransaction(async (tx) => {
        const [row] = await tx.query<{ seq: string }>(
          'UPDATE conversations SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq::text AS seq',
          [ab],
        );
        await tx.query(
          `INSERT INTO messages (conversation_id, seq, sender_id, client_msg_id, body) VALUES ($1, $2, $3, $4, 'late')`,
          [ab, Number(row?.seq), alice, newClientMsgId()],
        );
        during = await syncConversations(t.db, bob, { cursor: base.cursor, latest: 1 });
        expect(during.conversations.flatMap((c) => c.latest).map((m) => m.body)).not.toContain(
          'late',
        );
      });
    } else {
      // PGlite runs one transaction at a time, so a write is either before or after the sync.
      await send(ab, alice, 'late');
    }
    const after = await syncConversations(t.db, bob, { cursor: during.cursor, latest: 1 });
    const state = after.conversations.find((c) => c.conversation.id === ab);
    expect(state?.latest.map((m) => m.body)).toEqual(['late']);
  });

  it('returns a thousand changed conversations in one call', async () => {
    const [dave] = (await insertTestUsers(t.db, 1, 'dave')) as [number];
    const peers = await insertTestUsers(t.db, 1000, 'peer');
    const start = await syncConversations(t.db, dave, { cursor: 0, latest: 2 });
    expect(start.conversations).toEqual([]);
    // Bulk setup in SQL: a thousand direct chats with two messages each.
    await t.db.execSql(`
      WITH c AS (
        INSERT INTO conversations (kind, direct_key, last_seq)
        SELECT 'direct', LEAST(${dave}, p) || ':' || GREATEST(${dave}, p), 2 FROM unnest(ARRAY[${peers.join(',')}]) AS p
        RETURNING id, direct_key
      ), mb AS (
        INSERT INTO members (conversation_id, user_id)
        SELECT c.id, ${dave} FROM c UNION ALL SELECT c.id, split_part(c.direct_key, ':', 1)::int + split_part(c.direct_key, ':', 2)::int - ${dave} FROM c
      )
      INSERT INTO messages (conversation_id, seq, sender_id, client_msg_id, body)
      SELECT c.id, s, split_part(c.direct_key, ':', 1)::int + split_part(c.direct_key, ':', 2)::int - ${dave}, gen_random_uuid(), 'msg ' || s
      FROM c CROSS JOIN generate_series(1, 2) AS s`);
    const all = await syncConversations(t.db, dave, { cursor: start.cursor, latest: 2 });
    expect(all.conversations).toHaveLength(1000);
    expect(
      all.conversations.every(
        (c) => c.unread === 2 && c.latest.length === 2 && c.conversation.members.length === 2,
      ),
    ).toBe(true);
  }, 120_000);

  it('answers a sync with nothing changed from one statement, and never skips a concurrent commit', async () => {
    const [erin] = (await insertTestUsers(t.db, 1, 'erin')) as [number];
    const peers = await insertTestUsers(t.db, 40, 'racer');
    const conversations: number[] = [];
    for (const peer of peers) {
      conversations.push((await openDirect(t.db, peer, erin, 0)).state.conversation.id);
    }
    await settleTransactions(t.db); // another database's older transaction would hold xmin back
    let cursor = (await syncConversations(t.db, erin, { cursor: 0, latest: 1 })).cursor;
    const quiet = await unchangedSyncCursor(t.db, erin, cursor);
    expect(quiet).not.toBeNull(); // nothing changed: the fast path answers
    expect((await syncConversations(t.db, erin, { cursor, latest: 1 })).conversations).toEqual([]);

    if (t.db.kind === 'postgres') {
      // A send still open while erin syncs: the fast path cannot see it and says "unchanged",
      // but the cursor it returns is at or below the open transaction's id.
      const [first] = conversations as [number];
      let during: number | null = null;
      await t.db.sqlTransaction(async (tx) => {
        await tx.query('UPDATE conversations SET last_seq = last_seq + 1 WHERE id = $1', [first]);
        await tx.query(
          `INSERT INTO messages (conversation_id, seq, sender_id, client_msg_id, body)
           VALUES ($1, 1, $2, $3, 'open')`,
          [first, peers[0], newClientMsgId()],
        );
        during = await unchangedSyncCursor(t.db, erin, cursor);
        expect(during).not.toBeNull();
      });
      const after = await syncConversations(t.db, erin, { cursor: during ?? 0, latest: 1 });
      expect(after.conversations.map((c) => c.conversation.id)).toContain(first);
      expect(after.conversations.find((c) => c.conversation.id === first)?.latest[0]?.body).toBe(
        'open',
      );
      cursor = after.cursor;
    }

    // Race: one message into each other conversation (four senders at once) while erin syncs
    // from her cursor in a loop. Each conversation changes exactly once, so one a sync skipped
    // would never come back: every one must have been seen with its message at the end.
    const racing = t.db.kind === 'postgres' ? conversations.slice(1) : conversations;
    const seen = new Map<number, number>();
    let fast = 0;
    let sending = true;
    let next = 0;
    const senders = Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < racing.length) {
          const i = next++;
          await send(
            racing[i] ?? 0,
            peers[conversations.indexOf(racing[i] ?? 0)] ?? 0,
            `race ${i}`,
          );
          await new Promise((r) => setTimeout(r, Math.random() * 4));
        }
      }),
    ).finally(() => {
      sending = false;
    });
    const syncOnce = async () => {
      const unchanged = await unchangedSyncCursor(t.db, erin, cursor);
      if (unchanged !== null) {
        fast++;
        cursor = unchanged;
        return;
      }
      const result = await syncConversations(t.db, erin, { cursor, latest: 1 });
      for (const c of result.conversations) {
        seen.set(
          c.conversation.id,
          Math.max(seen.get(c.conversation.id) ?? 0, c.conversation.lastSeq),
        );
      }
      cursor = result.cursor;
    };
    while (sending) {
      await syncOnce();
      await new Promise((r) => setTimeout(r, 1)); // PGlite answers without leaving the microtask queue
    }
    await senders;
    await syncOnce();
    // On a shared PostgreSQL another database's transaction can hold xmin (so the cursor) back
    // for the whole race, and then every sync takes the full path; on PGlite it cannot.
    if (t.db.kind === 'pglite') expect(fast).toBeGreaterThan(0);
    expect(racing.filter((id) => seen.get(id) !== 1)).toEqual([]);
  }, 120_000);
});
