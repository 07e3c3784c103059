import {
  createParleyClient,
  defaultSocketFactory,
  type ParleyClient,
  type SocketFactory,
} from '@parley/sdk';
import { loadMsgConfig } from '@parley/msg-server';
import { afterEach, describe, expect, it } from 'vitest';

import { DEMO_PASSWORD, startShapedStack, type ShapedStack } from './shaped-stack.js';

// Send, sync and long-polling through the network shaper, with every server composed in this
// process. Clients start from the shaped login URL, so discovery sends them to the shaped
// msg-server; "direct" clients stand for someone on a good network.
describe('weak networks: messaging', () => {
  let stack: ShapedStack | undefined;
  const clients: ParleyClient[] = [];

  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await stack?.stop();
    stack = undefined;
  }, 30_000);

  /** A shaped profile without resets, for signing in before the real test starts. */
  const calm2G = { resetRate: 0 };
  /**
   * A short heartbeat so a dead network is noticed in seconds, not in 80: set the way an
   * operator sets it, through the msg-server's environment.
   */
  const { pingIntervalMs, pingTimeoutMs } = loadMsgConfig({
    DATABASE_URL: 'postgres://unused',
    AUTH_PUBLIC_KEY: 'unused',
    MSG_PING_INTERVAL_MS: '1000',
    MSG_PING_TIMEOUT_MS: '1500',
  }).server;
  const quickHeartbeat = { pingIntervalMs, pingTimeoutMs };

  async function signedIn(
    s: ShapedStack,
    login: 'alice' | 'bob',
    how: { direct?: boolean; transports?: string[] } = {},
  ): Promise<ParleyClient> {
    // The good network: the same discovery answer, but sockets go to the server itself.
    const direct: SocketFactory = (url, options) =>
      defaultSocketFactory(url.replace(s.msg.shaper.url, s.msg.direct), options);
    const client = createParleyClient({
      loginUrl: how.direct ? s.login.direct : s.loginUrl,
      ...(how.direct ? { socketFactory: direct } : {}),
      ...(how.transports ? { transports: how.transports } : {}),
      connectTimeoutMs: 6_000,
      requestTimeoutMs: 8_000,
      backoff: { baseMs: 200, maxMs: 2_000 },
    });
    clients.push(client);
    await client.signIn(login, DEMO_PASSWORD);
    await client.connect();
    return client;
  }

  const textsOf = (c: ParleyClient, conversationId: number) =>
    c
      .getState()
      .messages.get(conversationId)
      ?.filter((m) => m.seq > 0) ?? [];

  async function until(what: string, check: () => boolean, timeoutMs = 40_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** What the server stored for a conversation, in seq order. */
  async function stored(s: ShapedStack, conversationId: number) {
    const rows = await s.db.prisma.message.findMany({
      where: { conversationId },
      orderBy: { seq: 'asc' },
      select: { seq: true, body: true },
    });
    return rows.map((r) => ({ seq: Number(r.seq), text: r.body }));
  }

  it('delivers every message sent under 2G with resets exactly once and in order', async () => {
    stack = await startShapedStack({
      profile: '2G',
      msg: { pingIntervalMs: 5_000, pingTimeoutMs: 5_000 },
      seed: 3,
    });
    const s = stack;
    s.setProfile('2G', calm2G);
    const alice = await signedIn(s, 'alice');
    const bob = await signedIn(s, 'bob');
    const chat = await alice.openDirect(bob.session?.user.id ?? 0);

    // The real 2G profile (3% of connections reset), plus a reset of every msg connection
    // every few seconds so that this run is sure to go through some.
    s.setProfile('2G');
    const texts = Array.from({ length: 12 }, (_, i) => `weak ${String(i + 1).padStart(2, '0')}`);
    const sends = Promise.all(texts.map((t) => alice.send(chat.id, t)));
    let settled = false;
    void sends.finally(() => (settled = true)).catch(() => undefined);
    for (let i = 0; i < 3 && !settled; i++) {
      await new Promise((r) => setTimeout(r, 2_500));
      s.msg.shaper.resetAll();
    }
    const acks = await sends;

    expect(acks.map((m) => m.text)).toEqual(texts);
    await until('bob to have every message', () => textsOf(bob, chat.id).length >= texts.length);
    const seen = textsOf(bob, chat.id);
    expect(seen.map((m) => m.text)).toEqual(texts);
    const seqs = seen.map((m) => m.seq);
    expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] ?? 0) + i));
    expect((await stored(s, chat.id)).map((r) => r.text)).toEqual(texts);
    expect(s.msg.shaper.stats().resets).toBeGreaterThan(0);
  }, 60_000);

  it('catches up with a sync after being offline', async () => {
    stack = await startShapedStack({ profile: '2G', msg: quickHeartbeat, seed: 5 });
    const s = stack;
    expect(s.msg.server.io.engine.opts).toMatchObject({ pingInterval: 1_000, pingTimeout: 1_500 });
    s.setProfile('2G', calm2G);
    const alice = await signedIn(s, 'alice', { direct: true });
    const bob = await signedIn(s, 'bob');
    const chat = await alice.openDirect(bob.session?.user.id ?? 0);
    await alice.send(chat.id, 'before');
    await until('bob to get the first message', () => textsOf(bob, chat.id).length === 1);

    // The network goes away without a word: nothing is refused, nothing answers.
    s.setProfile('offline');
    await until('bob to notice', () => bob.getState().connection !== 'online', 20_000);
    const missed = Array.from({ length: 8 }, (_, i) => `missed ${i + 1}`);
    for (const text of missed) await alice.send(chat.id, text);
    expect(textsOf(bob, chat.id).map((m) => m.text)).toEqual(['before']);

    s.setProfile('2G', calm2G);
    bob.reconnectNow();
    await until(
      'bob to catch up',
      () => bob.getState().connection === 'online' && textsOf(bob, chat.id).length >= 9,
    );
    expect(textsOf(bob, chat.id).map((m) => m.text)).toEqual(['before', ...missed]);
    expect(s.msg.shaper.stats().blackholed).toBeGreaterThan(0);
  }, 60_000);

  it('works over long-polling when WebSocket is blocked', async () => {
    stack = await startShapedStack({
      profile: '2G',
      msg: { pingIntervalMs: 3_000, pingTimeoutMs: 3_000 },
      seed: 7,
    });
    const s = stack;
    s.setProfile('2G', { ...calm2G, blockWebSocket: true });
    // Default transports: WebSocket first, long-polling when that fails.
    const alice = await signedIn(s, 'alice');
    const bob = await signedIn(s, 'bob');
    const chat = await alice.openDirect(bob.session?.user.id ?? 0);

    await alice.send(chat.id, 'over polling');
    await until('bob to get it', () => textsOf(bob, chat.id).length === 1);
    await bob.send(chat.id, 'and back');
    await until('alice to get the answer', () => textsOf(alice, chat.id).length === 2);
    // Past a few heartbeats: the long-poll connections stay up.
    await new Promise((r) => setTimeout(r, 7_000));
    expect(alice.getState().connection).toBe('online');
    await alice.send(chat.id, 'still here');
    await until('bob to get the third', () => textsOf(bob, chat.id).length === 3);

    expect(textsOf(bob, chat.id).map((m) => m.text)).toEqual([
      'over polling',
      'and back',
      'still here',
    ]);
    const transports = [...s.msg.server.io.of('/').sockets.values()].map(
      (socket) => socket.conn.transport.name,
    );
    expect(transports).toEqual(['polling', 'polling']);
    expect(s.msg.shaper.stats().webSocketsBlocked).toBeGreaterThan(0);
  }, 60_000);
});
