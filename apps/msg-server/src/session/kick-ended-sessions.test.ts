import { createSession } from '@parley/db';
import { createMemorySessionEvents } from '@parley/server-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestStack, type TestClient, type TestStack } from '../testing/harness.js';

const events = createMemorySessionEvents();
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({}, { sessionEvents: events });
});
afterAll(() => stack.close());

function sessionOf(token: string): number {
  return Number(JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()).sid);
}

function closed(client: TestClient): Promise<string> {
  return new Promise((resolve) => client.socket.once('disconnect', (reason) => resolve(reason)));
}

describe('ended sessions', () => {
  it('kicks the sockets of a revoked session with a reason, not the user’s other sessions', async () => {
    const alice = await stack.createUser('alice');
    // A second device of the same user: its own session, its own token.
    const { session } = await createSession(stack.db, {
      userId: alice.id,
      deviceKind: 'mobile',
      refreshTtlMs: 60_000,
    });
    const phone = await stack.signer.sign({
      userId: alice.id,
      sessionId: session.id,
      role: 'member',
      deviceKind: 'mobile',
    });
    const a = await stack.connect(alice.token);
    const b = await stack.connect(phone.token);
    const gone = closed(a);
    await events.publish({
      kind: 'session_revoked',
      userId: alice.id,
      sessionIds: [sessionOf(alice.token)],
      reason: 'sign_out',
    });
    const kicked = await a.waitFor((f) => f.body === 'kicked');
    expect(kicked.kicked?.reason).toBe('sign_out');
    expect(await gone).toBe('io server disconnect');
    expect((await b.request({ ping: {} })).body).toBe('pong');
  });

  it('kicks every socket of a disabled user', async () => {
    const bob = await stack.createUser('bob');
    const [b1, b2] = [await stack.connect(bob.token), await stack.connect(bob.token)];
    const both = Promise.all([closed(b1), closed(b2)]);
    await events.publish({
      kind: 'user_disabled',
      userId: bob.id,
      sessionIds: [],
      reason: 'user_disabled',
    });
    expect(await both).toEqual(['io server disconnect', 'io server disconnect']);
  });
});
