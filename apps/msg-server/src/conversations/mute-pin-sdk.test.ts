import type { ParleyClient } from '@parley/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestStack, type TestStack, type TestUser } from '../testing/harness.js';
import { createTestSdkClient } from '../testing/sdk-client.js';

let stack: TestStack;
const clients: ParleyClient[] = [];

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  for (const c of clients) c.close();
  await stack.close();
});

/** An SDK client of `user`, connected to this stack's msg-server. */
async function sdkClient(user: TestUser, login: string): Promise<ParleyClient> {
  const client = createTestSdkClient({ url: stack.url, token: user.token, userId: user.id, login });
  clients.push(client);
  await client.connect();
  return client;
}

/** Resolves when `check` holds for the client's state (after any change). */
function until(client: ParleyClient, check: () => boolean, ms = 5000): Promise<void> {
  if (check()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error('state never got there'));
    }, ms);
    const off = client.subscribe(() => {
      if (!check()) return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}

describe('SDK against a real msg-server: reactions, delete for me, mute and pin', () => {
  it('keeps every device of the user and the other member in step, live and after a sync', async () => {
    const [aliceUser, bobUser] = [await stack.createUser('alice'), await stack.createUser('bob')];
    const laptop = await sdkClient(aliceUser, 'alice');
    const phone = await sdkClient(aliceUser, 'alice');
    const bob = await sdkClient(bobUser, 'bob');
    const chat = await laptop.openDirect(bobUser.id);
    const first = await laptop.send(chat.id, 'first');
    const second = await laptop.send(chat.id, 'second');
    await until(bob, () => bob.getState().messages.get(chat.id)?.length === 2);
    await until(phone, () => phone.getState().messages.get(chat.id)?.length === 2);

    // Reactions: bob's shows on both of alice's devices; alice's own on bob's, with both names.
    const updated: number[] = [];
    phone.on('messageUpdated', (m) => updated.push(m.seq));
    await bob.react(chat.id, first.seq, '👍');
    const reactionsOf = (c: ParleyClient) =>
      c
        .getState()
        .messages.get(chat.id)
        ?.find((m) => m.seq === first.seq)?.reactions;
    await until(phone, () => reactionsOf(phone)?.[0]?.userIds.length === 1);
    await until(laptop, () => reactionsOf(laptop)?.[0]?.userIds.length === 1);
    expect(updated).toContain(first.seq);
    const answered = await laptop.react(chat.id, first.seq, '👍');
    expect(answered.reactions).toHaveLength(1);
    expect(answered.reactions?.[0]?.emoji).toBe('👍');
    expect([...(answered.reactions?.[0]?.userIds ?? [])].sort((x, y) => x - y)).toEqual(
      [aliceUser.id, bobUser.id].sort((x, y) => x - y),
    );
    await until(bob, () => reactionsOf(bob)?.[0]?.userIds.length === 2);
    expect(reactionsOf(laptop)).toEqual(answered.reactions);

    // Delete for me: gone on both of alice's devices, still there for bob.
    await laptop.hideMessage(chat.id, second.seq);
    const seqs = (c: ParleyClient) =>
      c
        .getState()
        .messages.get(chat.id)
        ?.map((m) => m.seq);
    expect(seqs(laptop)).toEqual([first.seq]);
    await until(phone, () => seqs(phone)?.length === 1);
    expect(seqs(bob)).toEqual([first.seq, second.seq]);

    // Mute and pin: the other device follows live; bob's view does not change.
    await laptop.setPinned(chat.id, true);
    await laptop.setMuted(chat.id, true);
    const view = (c: ParleyClient) => c.getState().conversations.get(chat.id);
    expect(view(laptop)).toMatchObject({ pinned: true, muted: true });
    await until(phone, () => view(phone)?.pinned === true && view(phone)?.muted === true);
    expect(view(bob)).toMatchObject({ pinned: false, muted: false });

    // A device that was away catches all of it up with one sync.
    const later = await sdkClient(aliceUser, 'alice');
    expect(later.getState().conversations.get(chat.id)).toMatchObject({
      pinned: true,
      muted: true,
    });
    expect(seqs(later)).toEqual([first.seq]);
    expect(reactionsOf(later)).toEqual(answered.reactions);
    expect(later.getState().conversationList[0]?.id).toBe(chat.id);
  });
});
