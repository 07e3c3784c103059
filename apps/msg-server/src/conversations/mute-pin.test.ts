import { pb } from '@parley/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openDirectId, startTestStack, type TestStack } from '../testing/harness.js';

let stack: TestStack;

/** Decoded frames leave false flags out; compare them filled in. */
const flagsOf = (f: pb.ConversationFlags.$Properties | null | undefined) => ({
  conversationId: Number(f?.conversationId ?? 0),
  muted: f?.muted ?? false,
  pinned: f?.pinned ?? false,
});

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.close());

describe('mute and pin', () => {
  it("answers with the flags, pushes them to the user's other devices only, and sync carries them", async () => {
    const [alice, bob] = [await stack.createUser('alice'), await stack.createUser('bob')];
    const web = await stack.connect(alice.token);
    const phone = await stack.connect(alice.token, { transports: ['polling'] });
    const b = await stack.connect(bob.token);
    const conversationId = await openDirectId(web, bob.id);
    const cursor = Number((await phone.request({ sync: { cursor: 0 } })).syncResult?.cursor ?? 0);

    const pinned = await web.request({ pinConversation: { conversationId, pinned: true } });
    expect(flagsOf(pinned.conversationFlags)).toEqual({
      conversationId,
      muted: false,
      pinned: true,
    });
    const pushed = await phone.waitFor((f) => f.body === 'conversationFlags');
    expect(flagsOf(pushed.conversationFlags)).toEqual({
      conversationId,
      muted: false,
      pinned: true,
    });

    const muted = await web.request({ muteConversation: { conversationId, muted: true } });
    expect(flagsOf(muted.conversationFlags)).toEqual({ conversationId, muted: true, pinned: true });

    const later = await phone.request({ sync: { cursor } });
    const state = later.syncResult?.conversations?.find(
      (s) => Number(s.conversation?.id) === conversationId,
    );
    expect(state).toMatchObject({ muted: true, pinned: true });
    const bobs = await b.request({ sync: { cursor: 0 } });
    const bobState = bobs.syncResult?.conversations?.find(
      (s) => Number(s.conversation?.id) === conversationId,
    );
    expect(bobState?.muted ?? false).toBe(false);
    expect(bobState?.pinned ?? false).toBe(false);
    expect(b.frames.some((f) => f.body === 'conversationFlags')).toBe(false);
    expect(web.frames.filter((f) => f.body === 'conversationFlags' && f.rid === 0)).toHaveLength(0);
  });

  it('answers bad input with typed errors and the connection stays usable', async () => {
    const [carol, dave] = [await stack.createUser('carol'), await stack.createUser('dave')];
    const c = await stack.connect(carol.token);
    const d = await stack.connect(dave.token);
    const conversationId = await openDirectId(c, dave.id);
    const eve = await stack.createUser('eve');
    const e = await stack.connect(eve.token);

    const stranger = await e.request({ muteConversation: { conversationId, muted: true } });
    expect(stranger.error?.code).toBe(pb.ErrorCode.ERROR_CODE_FORBIDDEN);
    const missing = await c.request({ pinConversation: { conversationId: 0, pinned: true } });
    expect(missing.error?.code).toBe(pb.ErrorCode.ERROR_CODE_BAD_REQUEST);
    const unknown = await c.request({ pinConversation: { conversationId: 987_654, pinned: true } });
    expect(unknown.error?.code).toBe(pb.ErrorCode.ERROR_CODE_NOT_FOUND);
    expect((await c.request({ ping: {} })).body).toBe('pong');

    // A repeat is answered but pushes nothing.
    await c.request({ muteConversation: { conversationId, muted: true } });
    const other = await stack.connect(carol.token);
    const again = await c.request({ muteConversation: { conversationId, muted: true } });
    expect(flagsOf(again.conversationFlags)).toEqual({
      conversationId,
      muted: true,
      pinned: false,
    });
    expect((await other.request({ ping: {} })).body).toBe('pong');
    expect(other.frames.some((f) => f.body === 'conversationFlags')).toBe(false);
    expect(d.frames.some((f) => f.body === 'conversationFlags')).toBe(false);
  });
});
