import { createGroup, openDirect } from '@parley/db';
import {
  createMemoryOutboxStorage,
  createParleyClient,
  pb,
  ProtocolError,
  type ChatMessage,
  type ParleyClient,
} from '@parley/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { clientOptions, type Pin } from './testing/client-options.js';
import { startClusterWorld, type ClusterWorld } from './testing/cluster-world.js';
import { expectClientsMatchDatabase } from './testing/match-database.js';
import { waitFor } from './testing/msg-node.js';
import { createPrivatePostgres, type PrivatePostgres } from './testing/private-postgres.js';
import { createPrivateRedis, type PrivateRedis } from './testing/private-redis.js';

/**
 * Two msg-servers on a Redis and a PostgreSQL of the test's own, each killed and started
 * again while SDK clients on both nodes keep sending: requests during the database outage
 * are answered with a typed retryable error (UNAVAILABLE), the outbox retries, the servers
 * stay up, and afterwards every client holds exactly what the database holds.
 */
interface Client {
  name: string;
  userId: number;
  sdk: ParleyClient;
  pin: Pin;
}

const probeClient = () => clients[0] as Client;

let postgres: PrivatePostgres;
let redis: PrivateRedis;
let world: ClusterWorld;
const clients: Client[] = [];
/** Error codes of sends the outboxes are retrying. */
const retried: pb.ErrorCode[] = [];

beforeAll(async () => {
  postgres = await createPrivatePostgres();
  await postgres.start();
  redis = await createPrivateRedis();
  await redis.start();
  world = await startClusterWorld({ nodes: 2, postgresUrl: postgres.url, redisUrl: redis.url });
  const users: { id: number; login: string }[] = [];
  for (let i = 0; i < 4; i++) users.push(await world.newUser());
  const id = (i: number) => users[i]?.id ?? 0;
  for (let i = 0; i < 4; i++) await openDirect(world.db, id(i), id((i + 1) % 4), 0);
  await createGroup(world.db, {
    creatorId: id(0),
    kind: 'group_temporary',
    title: 'everyone',
    memberIds: users.map((u) => u.id),
  });
  for (let i = 0; i < 4; i++) {
    const user = users[i];
    if (!user) throw new Error('no user');
    const pin: Pin = { to: `node-${i % 2}` };
    const s = await world.newSession(user);
    clients.push({
      name: `u${i}`,
      userId: user.id,
      pin,
      sdk: createParleyClient({
        ...clientOptions(world.loginUrl, s, pin),
        // The outbox's own storage, watched: a save of an entry that failed and is still
        // sending is a retry in progress.
        outboxStorage: () => {
          const inner = createMemoryOutboxStorage();
          return {
            load: () => inner.load(),
            remove: (id) => inner.remove(id),
            save: (entry) => {
              if (entry.status === 'sending' && entry.error) retried.push(entry.error.code);
              return inner.save(entry);
            },
          };
        },
      }),
    });
  }
  await Promise.all(clients.map((c) => c.sdk.connect()));
  for (const c of clients) c.pin.to = undefined;
}, 120_000);

afterAll(async () => {
  for (const c of clients) c.sdk.close();
  await world?.close().catch(() => undefined);
  await redis?.kill();
  await postgres?.destroy();
}, 60_000);

describe('Redis and PostgreSQL restarts mid-traffic', () => {
  it('retryable errors, outbox retries, nothing lost or doubled, servers stay up', async () => {
    const PER_CLIENT = 40;
    const total = clients.length * PER_CLIENT;
    const sent: ChatMessage[] = [];
    const failed: string[] = [];
    const send = async (c: Client) => {
      const conversations = c.sdk.getState().conversationList.map((v) => v.id);
      const inFlight = new Set<Promise<void>>();
      for (let i = 0; i < PER_CLIENT; i++) {
        const conversationId = conversations[i % conversations.length] ?? 0;
        const p = c.sdk.send(conversationId, `${c.name} ${i}`).then(
          (m) => void sent.push(m),
          (err: unknown) => void failed.push(String(err)),
        );
        inFlight.add(p);
        void p.finally(() => inFlight.delete(p));
        if (inFlight.size >= 3) await Promise.race(inFlight);
        // Keep traffic flowing through both outages (at most a few messages a second).
        await new Promise((r) => setTimeout(r, 60));
      }
      await Promise.all(inFlight);
    };
    const traffic = Promise.all(clients.map(send));

    // Redis goes away (and comes back empty): sends keep being acked meanwhile.
    await waitFor('traffic before the Redis kill', () => sent.length >= total * 0.2, 60_000);
    await redis.kill();
    const atRedisKill = sent.length;
    // Discovery (the login-server's registry is in Redis) answers with a retryable error.
    await waitFor('discovery UNAVAILABLE while Redis is down', async () => {
      const err: unknown = await probeClient()
        .sdk.api.discovery()
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      return err instanceof ProtocolError && err.code === pb.ErrorCode.ERROR_CODE_UNAVAILABLE;
    });
    await waitFor('acks while Redis is down', () => sent.length >= atRedisKill + 10, 60_000);
    await redis.start();

    // PostgreSQL crashes: requests get a typed retryable error, never a crash or INTERNAL.
    await waitFor('traffic before the database crash', () => sent.length >= total * 0.5, 60_000);
    await postgres.crash();
    const probe = probeClient();
    const conversationId = probe.sdk.getState().conversationList[0]?.id ?? 0;
    const codes: number[] = [];
    await waitFor(
      'UNAVAILABLE while the database is down',
      async () => {
        try {
          await probe.sdk.request({ history: { conversationId, limit: 1 } });
        } catch (err) {
          if (err instanceof ProtocolError) codes.push(err.code);
        }
        return codes.at(-1) === pb.ErrorCode.ERROR_CODE_UNAVAILABLE;
      },
      30_000,
    ).catch((err: unknown) => {
      throw new Error(`${String(err)}; codes seen: ${codes.join()}\n${world.nodes[0]?.output()}`);
    });
    expect(codes).not.toContain(pb.ErrorCode.ERROR_CODE_INTERNAL);
    // Sends meanwhile got the same answer, and their outboxes are retrying them.
    await waitFor('outbox retrying UNAVAILABLE sends', () =>
      retried.includes(pb.ErrorCode.ERROR_CODE_UNAVAILABLE),
    );
    expect(retried).not.toContain(pb.ErrorCode.ERROR_CODE_INTERNAL);
    await postgres.start();

    await traffic;
    expect(failed).toEqual([]);
    expect(sent).toHaveLength(total);
    expect(new Set(sent.map((m) => m.id)).size).toBe(total);
    // Both servers lived through it (a crashed child would have no /health).
    for (const node of world.nodes) expect((await fetch(`${node.url}/health`)).ok).toBe(true);

    await waitFor('all online', () =>
      clients.every((c) => c.sdk.getState().connection === 'online'),
    );
    await expectClientsMatchDatabase(world.db, clients, sent);
  }, 120_000);
});
