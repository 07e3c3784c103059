import { createMemoryRegistry } from '@parley/server-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestStack, type TestStack } from '../testing/harness.js';

let stack: TestStack;
const registry = createMemoryRegistry();

beforeAll(async () => {
  stack = await startTestStack(
    { announceIntervalMs: 50, serverId: 'msg-test' },
    { registry, publicUrl: 'http://chat.example' },
  );
});
afterAll(() => stack.close());

describe('discovery and health', () => {
  it('announces itself with its connection count and withdraws on stop', async () => {
    const [entry] = await registry.list();
    expect(entry).toMatchObject({ id: 'msg-test', url: 'http://chat.example', path: '/socket.io' });
    const user = await stack.createUser('u');
    await stack.connect(user.token);
    await stack.connect(user.token);
    await expect
      .poll(async () => (await registry.list())[0]?.connections, { timeout: 5000 })
      .toBe(2);
    await stack.server.stop();
    expect(await registry.list()).toEqual([]);
  });

  it('answers GET /health', async () => {
    const { url } = await stack.startServer({});
    const response = await fetch(`${url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ service: 'msg-server', status: 'ok' });
  });
});
