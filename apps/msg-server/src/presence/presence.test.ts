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
    // Bob learns at once that alice is online; alice is told bob came online.
    await b.waitFor((f) => f.body === 'presencePush' && f.presencePush?.userId === alice.id);
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
    await b1.waitFor((f) => f.body === 'presencePush' && f.presencePush?.userId === alice.id);

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
});
