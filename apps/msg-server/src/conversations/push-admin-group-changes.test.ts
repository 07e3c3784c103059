import { addMembers, createGroup, groupActorFor, removeMember, type GroupChange } from '@parley/db';
import { createMemorySessionEvents } from '@parley/server-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  connectClient,
  startTestStack,
  type TestClient,
  type TestStack,
} from '../testing/harness.js';

// What the login-server does after an admin's change commits (apps/login-server/src/admin/groups.ts).
const events = createMemorySessionEvents();
let stack: TestStack;
let nodeTwo: string;

beforeAll(async () => {
  stack = await startTestStack({}, { sessionEvents: events });
  // A second node over the same database and events: each must push to its own sockets only.
  nodeTwo = (await stack.startServer({}, { sessionEvents: events })).url;
}, 60_000);
afterAll(() => stack.close());

const publish = (conversationId: number, change: GroupChange) =>
  events.publishGroupChange({
    conversationId,
    messageId: change.message.id,
    memberIds: change.memberIds,
    affectedIds: change.affectedIds,
  });

const settle = () => new Promise((r) => setTimeout(r, 200));
const messagesOf = (client: TestClient, id: number) =>
  client.frames.filter((f) => f.body === 'message' && Number(f.message?.id) === id);
const statesOf = (client: TestClient, conversationId: number) =>
  client.frames.filter(
    (f) =>
      f.body === 'conversationPush' &&
      Number(f.conversationPush?.state?.conversation?.id) === conversationId,
  );

describe('admin group changes', () => {
  it('reach the members connected to any node once: the system message, and the group itself to who joined or left', async () => {
    const [admin, alice, bob, carol, dave] = await Promise.all(
      ['admin', 'alice', 'bob', 'carol', 'dave'].map((n) => stack.createUser(n)),
    );
    const group = await createGroup(stack.db, {
      creatorId: alice!.id,
      kind: 'group_fixed',
      title: 'Ops',
      memberIds: [bob!.id, dave!.id],
    });
    const id = group.state.conversation.id;
    const a = await stack.connect(alice!.token);
    const b = await connectClient(nodeTwo, bob!.token);
    const c = await connectClient(nodeTwo, carol!.token);
    const d = await stack.connect(dave!.token);
    const actor = await groupActorFor(stack.db, id, admin!.id);
    if (!actor) throw new Error('no actor');

    const added = await addMembers(stack.db, actor, id, [carol!.id]);
    await publish(id, added);
    const carolsView = await c.waitFor((f) => statesOf(c, id).includes(f));
    expect(carolsView.conversationPush?.state?.conversation?.title).toBe('Ops');
    expect(carolsView.conversationPush?.state?.left ?? false).toBe(false);
    for (const client of [a, b, c, d]) {
      await client.waitFor((f) => messagesOf(client, added.message.id).includes(f));
    }

    const removed = await removeMember(stack.db, actor, id, dave!.id);
    await publish(id, removed);
    const davesView = await d.waitFor((f) => statesOf(d, id).includes(f));
    expect(davesView.conversationPush?.state?.left).toBe(true);
    await settle();

    // Exactly once each, although both nodes received both events.
    for (const client of [a, b, c, d]) expect(messagesOf(client, added.message.id)).toHaveLength(1);
    for (const client of [a, b, c, d]) {
      expect(messagesOf(client, removed.message.id)).toHaveLength(1);
    }
    // The group itself only to who joined or left.
    expect(statesOf(a, id)).toEqual([]);
    expect(statesOf(b, id)).toEqual([]);
    expect(statesOf(c, id)).toHaveLength(1);
    expect(statesOf(d, id)).toHaveLength(1);
  });

  it('ignores an event whose message is not in that conversation', async () => {
    const [alice, bob] = await Promise.all(['erin', 'frank'].map((n) => stack.createUser(n)));
    const one = await createGroup(stack.db, {
      creatorId: alice!.id,
      kind: 'group_fixed',
      title: 'One',
      memberIds: [bob!.id],
    });
    const b = await stack.connect(bob!.token);
    await events.publishGroupChange({
      conversationId: one.state.conversation.id + 1000,
      messageId: one.message.id,
      memberIds: [bob!.id],
      affectedIds: [bob!.id],
    });
    await settle();
    expect(b.frames.filter((f) => f.body === 'message' || f.body === 'conversationPush')).toEqual(
      [],
    );
    // The server carries on.
    expect((await b.request({ ping: {} })).body).toBe('pong');
  });
});
