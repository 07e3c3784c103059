import { createGroup, openDirect } from '@parley/db';
import { createParleyClient, pb, type ChatMessage, type ParleyClient } from '@parley/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  startClusterWorld,
  type ClusterWorld,
  type WorldSession,
} from './testing/cluster-world.js';
import { clientOptions, type Pin } from './testing/client-options.js';
import { expectClientsMatchDatabase } from './testing/match-database.js';
import { waitFor } from './testing/msg-node.js';

/**
 * Three msg-servers (child processes of the built main) sharing delivery through Redis, a
 * login-server ranking them by load, SDK clients pinned to different nodes for the first
 * connection and following real discovery afterwards.
 */
interface Client {
  name: string;
  userId: number;
  sdk: ParleyClient;
  /** Until cleared, discovery answers list only this node (where the test wants the client). */
  pin: Pin;
}

function newClient(world: ClusterWorld, name: string, s: WorldSession, home: string): Client {
  const pin: Pin = { to: home };
  // One client per node speaks long-polling only: failover must not depend on WebSocket.
  const transport = ['u0b', 'u1', 'u2'].includes(name) ? 'polling' : 'websocket';
  return {
    name,
    userId: s.user.id,
    pin,
    sdk: createParleyClient(clientOptions(world.loginUrl, s, pin, transport)),
  };
}

const nodeOf = (c: Client) => c.sdk.getState().server?.id;
const heldIds = (c: Client, conversationId: number) =>
  (c.sdk.getState().messages.get(conversationId) ?? []).map((m) => m.id);

let world: ClusterWorld;
const clients: Client[] = [];
const by = (name: string) => clients.find((c) => c.name === name) as Client;
let direct01 = 0;
let group = 0;

beforeAll(async () => {
  world = await startClusterWorld({ nodes: 3 });
  const users: { id: number; login: string }[] = [];
  for (let i = 0; i < 5; i++) users.push(await world.newUser());
  const id = (i: number) => users[i]?.id ?? 0;
  for (const [a, b] of [
    [0, 1],
    [1, 2],
    [2, 3],
    [3, 4],
    [4, 0],
  ] as const) {
    const { state } = await openDirect(world.db, id(a), id(b), 0);
    if (a === 0) direct01 = state.conversation.id;
  }
  group = (
    await createGroup(world.db, {
      creatorId: id(0),
      kind: 'group_temporary',
      title: 'everyone',
      memberIds: users.map((u) => u.id),
    })
  ).state.conversation.id;
  // Uneven on purpose, so discovery's load ranking is visible: 3, 2 and 1 connections.
  const placement: [string, number, string][] = [
    ['u0a', 0, 'node-0'],
    ['u0b', 0, 'node-0'],
    ['u3', 3, 'node-0'],
    ['u1', 1, 'node-1'],
    ['u4', 4, 'node-1'],
    ['u2', 2, 'node-2'],
  ];
  for (const [name, user, home] of placement) {
    const u = users[user];
    if (!u) throw new Error('no user');
    clients.push(newClient(world, name, await world.newSession(u), home));
  }
  await Promise.all(clients.map((c) => c.sdk.connect()));
  for (const c of clients) expect([c.name, nodeOf(c)]).toEqual([c.name, c.pin.to]);
  for (const c of clients) c.pin.to = undefined;
}, 90_000);

afterAll(async () => {
  for (const c of clients) c.sdk.close();
  await world?.close();
}, 60_000);

describe('three msg-servers behind one Redis', () => {
  it('discovery ranks the nodes by load', async () => {
    const ranked = async () => {
      const msgServers = (await by('u2').sdk.api.discovery()).msgServers ?? [];
      return msgServers.map((m) => `${m.id}:${m.connections}`);
    };
    await waitFor('ranking by load', async () => {
      const now = await ranked();
      return now.join() === 'node-2:1,node-1:2,node-0:3';
    });
  }, 60_000);

  it('users on different nodes chat: messages, typing, presence, read receipts', async () => {
    const [u0a, u0b, u1, u2, u4] = ['u0a', 'u0b', 'u1', 'u2', 'u4'].map(by) as Client[];
    if (!u0a || !u0b || !u1 || !u2 || !u4) throw new Error('clients');
    // node-1 -> node-0, both of the recipient's devices.
    const hello = await u1.sdk.send(direct01, 'hello from node-1');
    await waitFor('direct message on node-0', () =>
      [u0a, u0b].every((c) => heldIds(c, direct01).includes(hello.id)),
    );
    // node-2 -> everyone in the group on all three nodes.
    const all = await u2.sdk.send(group, 'hello all from node-2');
    await waitFor('group message everywhere', () =>
      clients.every((c) => heldIds(c, group).includes(all.id)),
    );

    // Typing: node-1 -> node-0.
    const typed: number[] = [];
    const off = u0a.sdk.on('typing', (t) => {
      if (t.conversationId === direct01) typed.push(t.userId);
    });
    await waitFor('typing across nodes', () => {
      u1.sdk.typing(direct01);
      return typed.includes(u1.userId);
    });
    off();

    // Presence: u0a (node-0) saw u1 (node-1) online; u4 (node-1) leaves and comes back.
    const presenceOf = (c: Client, userId: number) => c.sdk.getState().presence.get(userId);
    await waitFor(
      'u1 online on node-0',
      () => presenceOf(u0a, u1.userId) === pb.Presence.PRESENCE_ONLINE,
    );
    await waitFor(
      'u4 online on node-0',
      () => presenceOf(u0a, u4.userId) === pb.Presence.PRESENCE_ONLINE,
    );
    u4.sdk.close();
    await waitFor(
      'u4 offline on node-0',
      () => presenceOf(u0a, u4.userId) === pb.Presence.PRESENCE_OFFLINE,
    );
    // Back on its own node, so the kill below takes exactly the clients placed on node-0.
    u4.pin.to = 'node-1';
    await u4.sdk.connect();
    u4.pin.to = undefined;
    expect(nodeOf(u4)).toBe('node-1');
    await waitFor(
      'u4 back online on node-0',
      () => presenceOf(u0a, u4.userId) === pb.Presence.PRESENCE_ONLINE,
    );

    // Read receipts: u0a (node-0) reads; u1 (node-1) sees it, as does u0's other device.
    await u0a.sdk.markRead(direct01, hello.seq);
    await waitFor('read receipt on node-1', () => {
      const view = u1.sdk.getState().conversations.get(direct01);
      return (view?.members.find((m) => m.userId === u0a.userId)?.readSeq ?? 0) >= hello.seq;
    });
    await waitFor(
      'read position on the other device',
      () => (u0b.sdk.getState().conversations.get(direct01)?.readSeq ?? 0) >= hello.seq,
    );
  }, 60_000);

  it('a node killed with SIGKILL mid-traffic: its clients move on, nothing lost or doubled', async () => {
    const PER_CLIENT = 30;
    const sent: ChatMessage[] = [];
    const victims = clients.filter((c) => nodeOf(c) === 'node-0');
    expect(victims.map((c) => c.name).sort()).toEqual(['u0a', 'u0b', 'u3']);
    let killed = false;
    const send = async (c: Client) => {
      const conversations = c.sdk.getState().conversationList.map((v) => v.id);
      const inFlight = new Set<Promise<void>>();
      for (let i = 0; i < PER_CLIENT; i++) {
        const conversationId = conversations[i % conversations.length] ?? 0;
        const p = c.sdk.send(conversationId, `${c.name} ${i}`).then((m) => void sent.push(m));
        inFlight.add(p);
        void p.finally(() => inFlight.delete(p));
        if (inFlight.size >= 4) await Promise.race(inFlight);
        // The kill lands while everyone still has messages to send.
        if (!killed && sent.length >= (clients.length * PER_CLIENT) / 3) {
          killed = true;
          await world.nodes[0]?.kill();
        }
      }
      await Promise.all(inFlight);
    };
    await Promise.all(clients.map(send));
    expect(killed).toBe(true);

    // Everyone is back online, on a surviving node found through discovery.
    await waitFor('all online again', () =>
      clients.every((c) => c.sdk.getState().connection === 'online'),
    );
    for (const c of victims) expect(['node-1', 'node-2']).toContain(nodeOf(c));

    // Each acked send stored exactly once, under the id and seq of its ack.
    expect(sent).toHaveLength(clients.length * PER_CLIENT);
    expect(new Set(sent.map((m) => m.id)).size).toBe(sent.length);
    const conversations = [...new Set(sent.map((m) => m.conversationId))];
    expect(conversations.length).toBeGreaterThan(1);

    // Every client ends with exactly the database's messages per conversation.
    await expectClientsMatchDatabase(world.db, clients, sent);

    // The dead node leaves discovery; users of the dead node stay online for their contacts.
    await waitFor('node-0 out of discovery', async () => {
      const msgServers = (await by('u2').sdk.api.discovery()).msgServers ?? [];
      return (
        msgServers
          .map((m) => m.id)
          .sort()
          .join() === 'node-1,node-2'
      );
    });
    const u3 = by('u3');
    await waitFor(
      'u3 online for u2',
      () => by('u2').sdk.getState().presence.get(u3.userId) === pb.Presence.PRESENCE_ONLINE,
    );
  }, 90_000);
});
