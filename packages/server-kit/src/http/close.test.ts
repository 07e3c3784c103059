import { Agent, request } from 'node:http';

import { afterEach, describe, expect, it } from 'vitest';

import { silentLogger } from '../logger.js';
import { createHttpApp, listenHttp, type HttpApp } from './create-http-app.js';

/** GET over `agent`; resolves with the status once the body is read, the socket kept alive. */
function get(url: string, agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('closing with connections open', () => {
  let agent: Agent | undefined;
  afterEach(() => agent?.destroy());

  async function start(closeGraceMs: number, slowMs: number) {
    const app: HttpApp = await createHttpApp({
      service: 'test',
      logger: silentLogger(),
      closeGraceMs,
    });
    app.get('/slow', async () => {
      await sleep(slowMs);
      return 'done';
    });
    const { port } = await listenHttp(app, { host: '127.0.0.1', port: 0 });
    agent = new Agent({ keepAlive: true, maxSockets: 1 });
    return { app, url: `http://127.0.0.1:${port}/slow`, agent };
  }

  it('lets a request in flight finish, then closes its keep-alive connection (no wait for the client)', async () => {
    // A grace far longer than the test's timeout: close() must not need it.
    const { app, url, agent } = await start(600_000, 300);
    const answer = get(url, agent);
    await sleep(100); // the request is being handled: its connection is not idle
    const closed = app.close();
    expect(await answer).toBe(200);
    await closed; // resolves only once the kept-alive connection was closed by the server
  }, 10_000);

  it('cuts a request that outlasts the grace period', async () => {
    const { app, url, agent } = await start(200, 600_000);
    const answer = get(url, agent).then(
      () => 'answered',
      (err: NodeJS.ErrnoException) => err.code,
    );
    await sleep(100);
    await app.close();
    expect(await answer).toBe('ECONNRESET');
  }, 10_000);
});
