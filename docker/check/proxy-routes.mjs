// Runs docker/proxy/Caddyfile in a real Caddy against stand-in upstreams and checks its
// routing: every msg-server under its own prefix (long-polling and a WebSocket upgrade with
// data both ways), tus uploads and file links to file-server, the rest of /v1 to
// login-server, everything else to the web app, and /health not exposed. Run by
// .ci/check-deploy.sh when `caddy` is installed: node docker/check/proxy-routes.mjs
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout } from 'node:timers';

const root = new URL('../..', import.meta.url).pathname;
const UPSTREAMS = [
  'msg-server-1:3002',
  'msg-server-2:3002',
  'file-server:3003',
  'login-server:3001',
  'web:8080',
];
const failures = [];
const check = (ok, message) => {
  if (!ok) failures.push(message);
};

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A stand-in upstream: answers with its name, the path and headers it saw; echoes WebSockets. */
async function upstream(name) {
  const server = createServer((req, res) => {
    let size = 0;
    req.on('data', (chunk) => (size += chunk.length));
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ name, path: req.url, method: req.method, size, headers: req.headers }),
      );
    });
  });
  server.on('upgrade', (req, socket) => {
    const accept = createHash('sha1')
      .update(`${req.headers['sec-websocket-key']}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`)
      .digest('base64');
    socket.write(
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        `Sec-WebSocket-Accept: ${accept}\r\nX-Upstream: ${name}\r\nX-Path: ${req.url}\r\n\r\n`,
    );
    socket.on('data', (data) => socket.write(Buffer.concat([Buffer.from(`${name}:`), data])));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { name, server, port: server.address().port };
}

function send(port, method, path, { body, headers } = {}) {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        let json = null;
        try {
          json = JSON.parse(text);
        } catch {
          // not an upstream answer
        }
        resolve({ status: res.statusCode, headers: res.headers, json, text });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

function websocket(port, path) {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port,
      path,
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': Buffer.from('parley-check-key').toString('base64'),
      },
    });
    req.on('upgrade', (res, socket) => {
      socket.once('data', (data) => {
        resolve({ status: res.statusCode, headers: res.headers, echo: data.toString() });
        socket.destroy();
      });
      socket.write('ping');
    });
    req.on('response', (res) =>
      resolve({ status: res.statusCode, headers: res.headers, echo: '' }),
    );
    req.on('error', reject);
    req.end();
  });
}

async function waitFor(port, caddy) {
  for (let i = 0; i < 100; i += 1) {
    if (caddy.exitCode !== null) throw new Error(`caddy exited with ${caddy.exitCode}`);
    try {
      await send(port, 'GET', '/healthz');
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error('caddy did not start');
}

const stubs = Object.fromEntries(
  await Promise.all(
    UPSTREAMS.map(async (address) => [address, await upstream(address.split(':')[0])]),
  ),
);
const sitePort = await freePort();
const healthPort = await freePort();
let caddyfile = readFileSync(join(root, 'docker/proxy/Caddyfile'), 'utf8');
for (const [address, stub] of Object.entries(stubs)) {
  caddyfile = caddyfile.replaceAll(` ${address}`, ` 127.0.0.1:${stub.port}`);
}
caddyfile = caddyfile.replace(/^:2020 \{/m, `:${healthPort} {`);
const work = mkdtempSync(join(tmpdir(), 'parley-proxy-'));
writeFileSync(join(work, 'Caddyfile'), caddyfile);

let log = '';
const caddy = spawn(
  'caddy',
  ['run', '--config', join(work, 'Caddyfile'), '--adapter', 'caddyfile'],
  {
    env: {
      ...process.env,
      HOME: work,
      XDG_DATA_HOME: join(work, 'data'),
      XDG_CONFIG_HOME: join(work, 'config'),
      PARLEY_SITE_ADDRESS: `http://127.0.0.1:${sitePort}`,
      ACME_EMAIL: 'ops@example.com',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  },
);
caddy.stdout.on('data', (d) => (log += d));
caddy.stderr.on('data', (d) => (log += d));

try {
  await waitFor(healthPort, caddy);
  const routes = [
    ['GET', '/msg/1/socket.io/?EIO=4&transport=polling', 'msg-server-1'],
    ['POST', '/msg/2/socket.io/?EIO=4&transport=polling&sid=x', 'msg-server-2'],
    ['POST', '/v1/uploads', 'file-server'],
    ['PATCH', '/v1/uploads/0123abcd', 'file-server'],
    ['HEAD', '/v1/uploads/0123abcd', 'file-server'],
    ['GET', '/v1/files/42/link', 'file-server'],
    ['GET', '/v1/files/usage', 'file-server'],
    ['GET', '/v1/avatars/7/thumbnail', 'file-server'],
    ['POST', '/v1/avatars/7/link', 'file-server'],
    ['POST', '/v1/me/avatar', 'login-server'],
    ['POST', '/v1/auth/sign-in', 'login-server'],
    ['GET', '/v1/discovery', 'login-server'],
    ['GET', '/v1/directory?since=0', 'login-server'],
    ['GET', '/v1/filesystem', 'login-server'],
    ['GET', '/', 'web'],
    ['GET', '/chat/', 'web'],
    ['GET', '/config.json', 'web'],
    ['GET', '/_next/static/chunks/app.js', 'web'],
  ];
  for (const [method, path, expected] of routes) {
    const res = await send(sitePort, method, path);
    if (method === 'HEAD') {
      check(res.status === 200, `${method} ${path}: status ${res.status}`);
      continue;
    }
    check(
      res.json?.name === expected,
      `${method} ${path}: went to ${res.json?.name ?? res.status}, expected ${expected}`,
    );
    check(res.json?.path === path, `${method} ${path}: upstream saw ${res.json?.path}`);
    check(
      res.headers.server === undefined,
      `${method} ${path}: Server header ${res.headers.server}`,
    );
  }
  const upload = await send(sitePort, 'PATCH', '/v1/uploads/big', {
    body: Buffer.alloc(8 * 1024 * 1024, 1),
    headers: { 'content-type': 'application/offset+octet-stream' },
  });
  check(
    upload.json?.size === 8 * 1024 * 1024,
    `8 MiB upload arrived as ${upload.json?.size} bytes`,
  );
  const forwarded = await send(sitePort, 'GET', '/v1/me');
  check(forwarded.json?.headers['x-forwarded-for'] === '127.0.0.1', 'X-Forwarded-For is not set');
  check(forwarded.json?.headers['x-forwarded-proto'] === 'http', 'X-Forwarded-Proto is not set');
  const health = await send(sitePort, 'GET', '/health');
  check(health.status === 404 && health.json === null, `/health is exposed (${health.status})`);
  for (const [n, name] of [
    [1, 'msg-server-1'],
    [2, 'msg-server-2'],
  ]) {
    const path = `/msg/${n}/socket.io/?EIO=4&transport=websocket`;
    const ws = await websocket(sitePort, path);
    check(ws.status === 101, `WebSocket ${path}: status ${ws.status}`);
    check(
      ws.headers['x-upstream'] === name,
      `WebSocket ${path}: reached ${ws.headers['x-upstream']}`,
    );
    check(ws.echo === `${name}:ping`, `WebSocket ${path}: echo ${JSON.stringify(ws.echo)}`);
  }
} catch (error) {
  failures.push(String(error));
} finally {
  if (caddy.exitCode === null) {
    const exited = new Promise((resolve) => caddy.once('exit', resolve));
    caddy.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
  }
  for (const stub of Object.values(stubs)) stub.server.close();
  rmSync(work, { recursive: true, force: true });
}

if (failures.length) {
  console.error(log.split('\n').slice(-20).join('\n'));
  for (const failure of failures) console.error(`error: proxy: ${failure}`);
  process.exit(1);
}
console.log('proxy-routes: every route, upload streaming and WebSocket upgrade behave');
process.exit(0);
