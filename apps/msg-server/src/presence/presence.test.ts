import { encodeFrame, pb } from '@parley/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { connectClient, openDirectId, startTestStack, type TestStack } from '../testing/harness.js';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ presenceGraceMs: 100 });
});
afterAll(() => stack.close());

describe('typing and presence', () => {
  it('pushes typing to the other members only', async () => {
    const alice = await stack.createUser('alice');
    const bob = await stack.createUser('bob');
    const [a1, a2, b] = [
      await stack.connect(alice.token),
      await stack.connect(alice.token),
      await stack.connect(bob.token),
    ];
    const conversationId = await openDirectId(a1, bob.id);
    // Typing is fire-and-forget: rid 0, no response.
    a1.emitRaw(encodeFrame({ rid: 0, typing: { conversationId } }));
    const push = await b.waitFor((f) => f.body === 'typingPush');
    expect(push.typingPush).toMatchObject({ conversationId, userId: alice.id });
    await a2.request({ ping: {} });
    expect(a2.frames.some((f) => f.body === 'typingPush')).toBe(false);
    // Typing into someone else's conversation is refused.
    const carol = await stack.createUser('carol');
    const c = await stack.connect(carol.token);
    const refused = await c.request({ typing: { conversationId } });
    expect(refused.error?.code).toBe(pb.ErrorCode.ERROR_CODE_FORBIDDEN);
  });

  it('tells contacts when a user comes online and, after the grace period, goes offline', async () => {
    const alice = await stack.createUser('alice');
    const bob = await stack.createUser('bob');
    const a = await stack.connect(alice.token);
    await a.request({ openDirect: { userId: bob.id } });
    const b = await stack.connect(bob.token);
    // Bob's snapshot says alice is online; alice is told bob came online.
    const snapshot = await b.waitFor((f) => f.body === 'presenceSnapshot');
    expect(snapshot.rid).toBe(0);
    expect(snapshot.presenceSnapshot?.onlineUserIds?.map(Number)).toEqual([alice.id]);
    const online = await a.waitFor(
      (f) => f.body === 'presencePush' && f.presencePush?.userId === bob.id,
    );
    expect(online.presencePush?.presence).toBe(pb.Presence.PRESENCE_ONLINE);
    b.close();
    const offline = await a.waitFor(
      (f) =>
        f.body === 'presencePush' &&
        f.presencePush?.userId === bob.id &&
        f.presencePush.presence === pb.Presence.PRESENCE_OFFLINE,
    );
    expect(offline.rid).toBe(0);
  });

  it('does not flap anyone offline when a msg-server restarts and its users come back within the grace period', async () => {
    const graceMs = 300;
    const alice = await stack.createUser('alice');
    const bob = await stack.createUser('bob');
    const before = await stack.startServer({ presenceGraceMs: graceMs });
    const a1 = await connectClient(before.url, alice.token);
    await openDirectId(a1, bob.id);
    const b1 = await connectClient(before.url, bob.token);
    await b1.waitFor((f) => f.body === 'presenceSnapshot');

    await before.server.stop(); // every socket dropped
    const after = await stack.startServer({ presenceGraceMs: graceMs });
    const b2 = await connectClient(after.url, bob.token);
    const a2 = await connectClient(after.url, alice.token);
    // Bob hears alice is online (she came back after him), and nobody is ever said offline.
    await b2.waitFor(
      (f) =>
        f.presencePush?.userId === alice.id &&
        f.presencePush.presence === pb.Presence.PRESENCE_ONLINE,
    );
    await new Promise((resolve) => setTimeout(resolve, graceMs * 3));
    for (const c of [a1, b1, a2, b2]) {
      expect(
        c.frames.filter((f) => f.presencePush?.presence === pb.Presence.PRESENCE_OFFLINE),
      ).toEqual([]);
    }
    await after.server.stop();
  });

  it('gives every new connection a snapshot, so a contact who never came back after a restart shows offline', async () => {
    const alice = await stack.createUser('alice');
    const bob = await stack.createUser('bob');
    const carol = await stack.createUser('carol');
    const before = await stack.startServer({ presenceGraceMs: 100 });
    const a1 = await connectClient(before.url, alice.token);
    await openDirectId(a1, bob.id);
    await openDirectId(a1, carol.id);
    const b1 = await connectClient(before.url, bob.token);
    const c1 = await connectClient(before.url, carol.token);
    await a1.waitFor((f) => f.presencePush?.userId === bob.id);
    await a1.waitFor((f) => f.presencePush?.userId === carol.id);
    // A connection with no contacts online still gets its (empty) snapshot.
    const loner = await stack.createUser('loner');
    const l1 = await connectClient(before.url, loner.token);
    const empty = await l1.waitFor((f) => f.body === 'presenceSnapshot');
    expect(empty.presenceSnapshot?.onlineUserIds ?? []).toEqual([]);

    // The node goes down with everyone on it; it forgets who was online. Only carol and alice
    // come back: bob is never announced offline, so alice's snapshot is what tells her.
    await before.server.stop();
    const after = await stack.startServer({ presenceGraceMs: 100 });
    const c2 = await connectClient(after.url, carol.token);
    await c2.waitFor((f) => f.body === 'presenceSnapshot');
    const a2 = await connectClient(after.url, alice.token);
    const snapshot = await a2.waitFor((f) => f.body === 'presenceSnapshot');
    expect(snapshot.presenceSnapshot?.onlineUserIds?.map(Number)).toEqual([carol.id]);
    for (const c of [a1, b1, c1, l1, a2, c2]) c.close();
    await after.server.stop();
  });
});
