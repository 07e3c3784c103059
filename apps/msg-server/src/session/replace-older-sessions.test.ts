import { createSession, isSessionActive } from '@parley/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  connectClient,
  startTestStack,
  type TestClient,
  type TestStack,
  type TestUser,
} from '../testing/harness.js';
import { REPLACED_REASON } from './replace-older-sessions.js';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ singleSessionPerDeviceKind: true });
});
afterAll(() => stack.close());

/** Another device session of `user` with a token for it. */
async function newSession(user: TestUser, deviceKind: 'web' | 'mobile') {
  const { session } = await createSession(stack.db, {
    userId: user.id,
    deviceKind,
    refreshTtlMs: 60_000,
  });
  const { token } = await stack.signer.sign({
    userId: user.id,
    sessionId: session.id,
    role: 'member',
    deviceKind,
  });
  return { id: session.id, token };
}

function closed(client: TestClient): Promise<string> {
  return new Promise((resolve) => client.socket.once('disconnect', (reason) => resolve(reason)));
}

describe('one session per device kind (policy on)', () => {
  it('signs out the older session of the same kind, not other kinds or the new one', async () => {
    const alice = await stack.createUser('alice'); // a web session
    const phone = await newSession(alice, 'mobile');
    const oldWeb = await stack.connect(alice.token);
    const oldWebTwin = await stack.connect(alice.token, { transports: ['polling'] });
    const mobile = await stack.connect(phone.token);
    const gone = Promise.all([closed(oldWeb), closed(oldWebTwin)]);

    const laptop = await newSession(alice, 'web');
    const newWeb = await stack.connect(laptop.token);
    const kicked = await oldWeb.waitFor((f) => f.body === 'kicked');
    expect(kicked.kicked?.reason).toBe(REPLACED_REASON);
    await oldWebTwin.waitFor((f) => f.body === 'kicked');
    expect(await gone).toEqual(['io server disconnect', 'io server disconnect']);

    // The older session is revoked, so it cannot come back and push the new one out in turn.
    const oldSessionId = Number(
      JSON.parse(Buffer.from(alice.token.split('.')[1] ?? '', 'base64url').toString()).sid,
    );
    expect(await isSessionActive(stack.db, oldSessionId)).toBe(false);
    await expect(stack.connect(alice.token)).rejects.toThrow(/revoked/);

    expect((await newWeb.request({ ping: {} })).body).toBe('pong');
    expect((await mobile.request({ ping: {} })).body).toBe('pong');
    expect(mobile.frames.some((f) => f.body === 'kicked')).toBe(false);
  });

  it('lets a session reconnect without kicking its own other connections', async () => {
    const bob = await stack.createUser('bob');
    const first = await stack.connect(bob.token);
    const second = await stack.connect(bob.token);
    expect((await second.request({ ping: {} })).body).toBe('pong');
    expect((await first.request({ ping: {} })).body).toBe('pong');
    expect(first.frames.some((f) => f.body === 'kicked')).toBe(false);
  });
});

describe('one session per device kind (default: off)', () => {
  it('keeps every session of the same kind connected', async () => {
    const other = await stack.startServer({});
    expect(other.server.config.singleSessionPerDeviceKind).toBe(false);
    const carol = await stack.createUser('carol');
    const second = await newSession(carol, 'web');
    const a = await connectClient(other.url, carol.token);
    const b = await connectClient(other.url, second.token);
    expect((await b.request({ ping: {} })).body).toBe('pong');
    expect((await a.request({ ping: {} })).body).toBe('pong');
    expect(a.frames.some((f) => f.body === 'kicked')).toBe(false);
    a.close();
    b.close();
  });
});
