import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createParleyClient, type ChatMessage, type ParleyClient } from '@parley/sdk';
import { silentLogger } from '@parley/server-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadConfig } from './config.js';
import { startEmbedded, type EmbeddedStack } from './start-embedded.js';

// The walking skeleton, through every server, as the SDK sees it: sign in, discover, connect,
// send one to one, receive live, and find it all again after the whole stack restarts.
describe('embedded stack', () => {
  let dataDir: string;
  const clients: ParleyClient[] = [];
  const demoPassword = 'demo-password-1';

  const config = () =>
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
      PARLEY_DEMO_PASSWORD: demoPassword,
    });

  async function signedIn(stack: EmbeddedStack, login: string): Promise<ParleyClient> {
    const client = createParleyClient({ loginUrl: stack.urls.login, transports: ['websocket'] });
    clients.push(client);
    await client.signIn(login, demoPassword);
    await client.connect();
    return client;
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'parley-embedded-'));
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('delivers a message live and keeps it across a restart', async () => {
    let stack = await startEmbedded(config(), silentLogger());
    try {
      expect(stack.firstRun.created).toBe(true);
      const credentials = await readFile(stack.firstRun.credentialsFile, 'utf8');
      expect(credentials).toContain('alice / demo-password-1');

      const health = await fetch(`${stack.urls.file}/health`);
      expect(health.status).toBe(200);
      const config = (await (await fetch(`${stack.urls.web}/config.json`)).json()) as {
        loginUrl: string;
      };
      expect(config.loginUrl).toBe(stack.urls.login);

      const alice = await signedIn(stack, 'alice');
      const bob = await signedIn(stack, 'bob');
      const bobId = bob.session?.user.id ?? 0;
      expect(bobId).toBeGreaterThan(0);

      const received = new Promise<ChatMessage>((resolve) => {
        bob.on('message', (m) => {
          if (m.text === 'hello bob') resolve(m);
        });
      });
      const chat = await alice.openDirect(bobId);
      const sent = await alice.send(chat.id, 'hello bob');
      const got = await received;
      expect(got.seq).toBeGreaterThan(0);
      expect(got.senderId).toBe(alice.session?.user.id);
      expect(got.conversationId).toBe(chat.id);
      expect(sent.text).toBe('hello bob');
    } finally {
      for (const c of clients.splice(0)) c.close();
      await stack.stop();
    }

    // Same data folder, fresh process state: nothing seeded twice, the message is still there.
    stack = await startEmbedded(config(), silentLogger());
    try {
      expect(stack.firstRun.created).toBe(false);
      const bob = await signedIn(stack, 'bob');
      await bob.sync();
      const texts = [...bob.getState().messages.values()].flat().map((m) => m.text);
      expect(texts).toEqual(['hello bob']);
    } finally {
      await stack.stop();
    }
  }, 60_000);
});
