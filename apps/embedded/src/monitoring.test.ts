import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createParleyClient, type ParleyClient } from '@parley/sdk';
import { getSystemStats } from '@parley/sdk/admin';
import { silentLogger } from '@parley/server-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadConfig } from './config.js';
import { startEmbedded, type EmbeddedStack } from './start-embedded.js';

// The admin dashboard's numbers, end to end: SDK clients chat through the embedded stack while
// an admin polls GET /v1/admin/stats, whose figures come from the msg-server's announcements
// in the in-memory registry.
describe('live system stats', () => {
  let dataDir: string;
  let stack: EmbeddedStack;
  const clients: ParleyClient[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'parley-monitoring-'));
    stack = await startEmbedded(
      loadConfig({
        PARLEY_DATA_DIR: dataDir,
        PARLEY_HOST: '127.0.0.1',
        PARLEY_PUBLIC_HOST: '127.0.0.1',
        PARLEY_WEB_PORT: '0',
        PARLEY_LOGIN_PORT: '0',
        PARLEY_MSG_PORT: '0',
        PARLEY_FILE_PORT: '0',
        PARLEY_WEB_DIR: dataDir,
        PARLEY_ADMIN_PASSWORD: 'admin-password-1',
        PARLEY_DEMO_PASSWORD: 'demo-password-1',
      }),
      silentLogger(),
    );
  }, 120_000);

  afterAll(async () => {
    for (const c of clients) c.close();
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function signedIn(login: string, password: string): Promise<ParleyClient> {
    const client = createParleyClient({ loginUrl: stack.urls.login, transports: ['websocket'] });
    clients.push(client);
    await client.signIn(login, password);
    return client;
  }

  it('shows connections, message rates and latency while messages flow', async () => {
    const admin = await signedIn('admin', 'admin-password-1');
    const alice = await signedIn('alice', 'demo-password-1');
    const bob = await signedIn('bob', 'demo-password-1');
    await Promise.all([alice.connect(), bob.connect()]);
    const chat = await alice.openDirect(bob.session?.user.id ?? 0);
    const token = () => admin.session?.accessToken ?? '';

    let flowing = true;
    const flow = (async () => {
      for (let i = 0; flowing; i++) {
        await alice.send(chat.id, `tick ${i}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    let stats: Awaited<ReturnType<typeof getSystemStats>> | undefined;
    try {
      // The msg-server announces every 5 s; wait for a snapshot taken while messages flowed.
      await expect
        .poll(
          async () => {
            stats = await getSystemStats({ baseUrl: stack.urls.login, accessToken: token() });
            return (stats.nodes[0]?.messagesInPerSec ?? 0) > 0;
          },
          { timeout: 20_000, interval: 250 },
        )
        .toBe(true);
    } finally {
      flowing = false;
      await flow;
    }
    const node = stats?.nodes[0];
    expect(stats?.nodes.map((n) => n.id)).toEqual(['embedded-msg-1']);
    expect(node?.connections).toBe(2);
    expect(node?.usersOnline).toBe(2);
    expect(node?.messagesOutPerSec).toBeGreaterThan(0);
    expect(node?.sendAck?.count).toBeGreaterThan(0);
    expect(node?.sendAck?.p50Ms).toBeGreaterThan(0);
    expect(node?.sync?.count).toBeGreaterThanOrEqual(2);
    expect(stats?.totals).toMatchObject({ nodes: 1, connections: 2 });
    expect(stats?.usersOnline).toBe(2);
    expect(stats?.storage?.objectCount).toBe(0);
    expect(stats?.generatedAt).toBeGreaterThan(0);

    // Members may not look.
    const denied = await getSystemStats({
      baseUrl: stack.urls.login,
      accessToken: alice.session?.accessToken ?? '',
    }).catch((e: unknown) => e);
    expect(denied).toMatchObject({ message: 'administrators only' });
  }, 60_000);
});
