import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterEach, describe, expect, it } from 'vitest';

import { checkServer } from './check-server.js';

const servers: Server[] = [];

/** A real HTTP server on a free port, answering with `handler`. */
async function serve(handler: RequestListener): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const fetchImpl = (url: string, init: RequestInit) => fetch(url, init);

describe('checkServer', () => {
  it('accepts a server whose /config.json names a login-server', async () => {
    const paths: string[] = [];
    const origin = await serve((req, res) => {
      paths.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ loginUrl: 'https://chat.example.com' }));
    });
    const result = await checkServer(`${origin}/chat/`, { fetch: fetchImpl });
    expect(result).toEqual({
      ok: true,
      origin,
      loginUrl: 'https://chat.example.com',
      insecure: false,
    });
    expect(paths).toEqual(['/config.json']);
  });

  it('keeps the origin a redirect ends at', async () => {
    const target = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"loginUrl":"http://127.0.0.1:3001"}');
    });
    const start = await serve((req, res) => {
      res.writeHead(301, { location: `${target}${req.url}` }).end();
    });
    const result = await checkServer(start, { fetch: fetchImpl });
    expect(result).toMatchObject({ ok: true, origin: target });
  });

  it.each([
    ['a 404', 404, '{"loginUrl":"https://x.example"}'],
    ['an HTML page', 200, '<!doctype html><title>Welcome to nginx</title>'],
    ['JSON without loginUrl', 200, '{"name":"something else"}'],
    ['a non-http loginUrl', 200, '{"loginUrl":"javascript:alert(1)"}'],
    ['JSON null', 200, 'null'],
    ['an oversized body', 200, `{"loginUrl":"https://x.example","pad":"${'x'.repeat(70_000)}"}`],
  ])('says "not a Parley server" for %s', async (_name, status, body) => {
    const origin = await serve((_req, res) => res.writeHead(status).end(body));
    const result = await checkServer(origin, { fetch: fetchImpl });
    expect(result).toMatchObject({ ok: false, reason: 'not-parley' });
  });

  it('reports an unreachable server', async () => {
    const origin = await serve(() => undefined);
    servers.pop()?.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const result = await checkServer(origin, { fetch: fetchImpl });
    expect(result).toMatchObject({ ok: false, reason: 'unreachable' });
  });

  it('gives up on a server that never answers', async () => {
    const origin = await serve(() => undefined);
    const started = Date.now();
    const result = await checkServer(origin, { fetch: fetchImpl, timeoutMs: 200 });
    expect(result).toMatchObject({ ok: false, reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('refuses an invalid address without any request', async () => {
    let calls = 0;
    const result = await checkServer('file:///etc/passwd', {
      fetch: () => {
        calls += 1;
        return Promise.reject(new Error('unexpected'));
      },
    });
    expect(result).toMatchObject({ ok: false, reason: 'invalid-url' });
    expect(calls).toBe(0);
  });

  it('flags a plain-http server on another machine as insecure', async () => {
    const result = await checkServer('http://chat.example.com', {
      fetch: (url) => {
        const response = new Response('{"loginUrl":"http://chat.example.com/"}');
        Object.defineProperty(response, 'url', { value: url });
        return Promise.resolve(response);
      },
    });
    expect(result).toEqual({
      ok: true,
      origin: 'http://chat.example.com',
      loginUrl: 'http://chat.example.com/',
      insecure: true,
    });
  });
});
