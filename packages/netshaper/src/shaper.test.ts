import { once } from 'node:events';
import { connect, createServer, type Server, type Socket } from 'node:net';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { PROFILES, resolveProfile } from './profiles.js';
import { createNetShaper, seededRandom, type NetShaper } from './shaper.js';

// Behaviour tests against a real echo server: delay and rate are checked with generous bounds
// (they must be applied, not be precise), everything else exactly.
describe('netshaper', () => {
  let echo: Server;
  let echoPort: number;
  const shapers: NetShaper[] = [];
  const clients: Socket[] = [];

  const echoSockets = new Set<Socket>();

  beforeEach(async () => {
    echo = createServer((s) => {
      echoSockets.add(s);
      s.on('close', () => echoSockets.delete(s));
      s.on('error', () => undefined);
      s.pipe(s);
    });
    echo.listen(0, '127.0.0.1');
    await once(echo, 'listening');
    echoPort = (echo.address() as { port: number }).port;
  });

  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    for (const s of shapers.splice(0)) await s.close();
    for (const s of echoSockets) s.destroy();
    await new Promise((r) => echo.close(r));
  });

  async function shaper(options: Partial<Parameters<typeof createNetShaper>[0]> = {}) {
    const s = await createNetShaper({ target: { host: '127.0.0.1', port: echoPort }, ...options });
    shapers.push(s);
    return s;
  }

  async function dial(s: NetShaper): Promise<Socket> {
    const socket = connect({ host: s.host, port: s.port, noDelay: true });
    clients.push(socket);
    await once(socket, 'connect');
    return socket;
  }

  /** Resolves with the bytes read once `n` have arrived, or rejects on error/close. */
  function read(socket: Socket, n: number): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const parts: Buffer[] = [];
      let got = 0;
      const onData = (b: Buffer) => {
        parts.push(b);
        got += b.length;
        if (got >= n) {
          cleanup();
          resolve(Buffer.concat(parts));
        }
      };
      const onError = (err: Error) => {
        cleanup();
        reject(err);
      };
      const onClose = () => {
        cleanup();
        reject(new Error(`closed after ${got} bytes`));
      };
      const cleanup = () => {
        socket.off('data', onData);
        socket.off('error', onError);
        socket.off('close', onClose);
      };
      socket.on('data', onData);
      socket.on('error', onError);
      socket.on('close', onClose);
    });
  }

  /** Whether anything arrives within `ms`. */
  async function silentFor(socket: Socket, ms: number): Promise<boolean> {
    let heard = false;
    const onData = () => (heard = true);
    socket.on('data', onData);
    await new Promise((r) => setTimeout(r, ms));
    socket.off('data', onData);
    return !heard && !socket.destroyed;
  }

  function errorCode(socket: Socket): Promise<string | undefined> {
    return new Promise((resolve) => {
      socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code));
      socket.once('close', () => resolve(undefined));
    });
  }

  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7 + 3) % 251));

  it('forwards bytes unchanged and counts them per direction', async () => {
    const s = await shaper();
    const c = await dial(s);
    const payload = bytes(100_000);
    c.write(payload);
    expect((await read(c, payload.length)).equals(payload)).toBe(true);
    const stats = s.stats();
    expect(stats.bytesUp).toBe(100_000);
    expect(stats.bytesDown).toBe(100_000);
    expect(stats.connections).toBe(1);
    expect(stats.active).toBe(1);
    s.resetStats();
    expect(s.stats().bytesUp).toBe(0);
  });

  it('delays each direction by the latency', async () => {
    const s = await shaper({ profile: resolveProfile('perfect', { latencyMs: 150 }) });
    const c = await dial(s);
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      c.write('ping');
      await read(c, 4);
      const rtt = performance.now() - started;
      expect(rtt).toBeGreaterThanOrEqual(295);
      expect(rtt).toBeLessThan(2_000);
    }
  });

  it('limits the rate and keeps byte order', async () => {
    // 256 kbit/s = 32,000 bytes/s: 64,000 bytes take 2 s up, pipelined with the way back.
    const s = await shaper({ profile: resolveProfile('perfect', { bandwidthKbps: 256 }) });
    const c = await dial(s);
    const payload = bytes(64_000);
    const started = performance.now();
    for (let i = 0; i < payload.length; i += 4_000) c.write(payload.subarray(i, i + 4_000));
    const echoed = await read(c, payload.length);
    const seconds = (performance.now() - started) / 1000;
    expect(echoed.equals(payload)).toBe(true);
    expect(seconds).toBeGreaterThan(1.8);
    expect(seconds).toBeLessThan(10);
  }, 20_000);

  it('applies latency and rate together under the 2G profile', async () => {
    const s = await shaper({ profile: resolveProfile('2G', { resetRate: 0 }) });
    expect(PROFILES['2G']).toMatchObject({ latencyMs: 300, bandwidthKbps: 256, resetRate: 0.03 });
    const c = await dial(s);
    const payload = bytes(16_000); // 0.5 s each way at 256 kbit/s, plus 0.6 s round trip
    const started = performance.now();
    c.write(payload);
    expect((await read(c, payload.length)).equals(payload)).toBe(true);
    const ms = performance.now() - started;
    expect(ms).toBeGreaterThan(1_000);
    expect(ms).toBeLessThan(8_000);
  }, 20_000);

  it('resets a connection at connect', async () => {
    const s = await shaper({
      profile: resolveProfile('perfect', { resetRate: 1 }),
      random: () => 0,
    });
    const c = connect({ host: s.host, port: s.port });
    clients.push(c);
    expect(await errorCode(c)).toBe('ECONNRESET');
    expect(s.stats().resets).toBe(1);
  });

  it('resets a connection after some bytes', async () => {
    // rate check 0 (< 1: reset), 0.9 (not at connect), 0.5: after 1 + 500 bytes.
    const draws = [0, 0.9, 0.5];
    const s = await shaper({
      profile: resolveProfile('perfect', { resetRate: 1, resetAfterMaxBytes: 1_000 }),
      random: () => draws.shift() ?? 0,
    });
    const c = await dial(s);
    const code = errorCode(c);
    const received: Buffer[] = [];
    c.on('data', (b: Buffer) => received.push(b));
    c.write(bytes(400));
    await read(c, 400).catch(() => undefined);
    c.write(bytes(400));
    expect(await code).toBe('ECONNRESET');
    expect(Buffer.concat(received).length).toBeLessThan(501);
    expect(s.stats().resets).toBe(1);
  });

  it('resets roughly the given fraction of connections', async () => {
    const s = await shaper({
      profile: resolveProfile('perfect', { resetRate: 0.3, resetAfterMaxBytes: 0 }),
      random: seededRandom(7),
    });
    let reset = 0;
    for (let i = 0; i < 60; i++) {
      const c = connect({ host: s.host, port: s.port });
      clients.push(c);
      const ok = await new Promise<boolean>((resolve) => {
        c.once('error', () => resolve(false));
        c.once('connect', () => {
          c.write('x');
          c.once('data', () => resolve(true));
        });
      });
      if (!ok) reset += 1;
      c.destroy();
    }
    expect(reset).toBe(s.stats().resets);
    expect(reset).toBeGreaterThan(6);
    expect(reset).toBeLessThan(36);
  });

  it('blackholes: connections are accepted and nothing comes back', async () => {
    const s = await shaper();
    const before = await dial(s);
    before.write('a');
    await read(before, 1);
    s.setProfile('offline');
    // The open connection goes silent too, and so does a new one.
    before.write('b');
    const fresh = await dial(s);
    fresh.write('c');
    expect(await silentFor(before, 400)).toBe(true);
    expect(await silentFor(fresh, 100)).toBe(true);
    expect(s.stats().blackholed).toBe(2);
    // Back online: new connections work; the silenced one stays dead.
    s.setProfile('perfect');
    const after = await dial(s);
    after.write('d');
    expect((await read(after, 1)).toString()).toBe('d');
    before.write('e');
    expect(await silentFor(before, 200)).toBe(true);
  });

  it('blocks new connections and leaves open ones alone', async () => {
    const s = await shaper();
    const open = await dial(s);
    s.setProfile('blocked');
    const refused = connect({ host: s.host, port: s.port });
    clients.push(refused);
    expect(await errorCode(refused)).toBe('ECONNRESET');
    open.write('still here');
    expect((await read(open, 10)).toString()).toBe('still here');
    expect(s.stats().refused).toBe(1);
  });

  it('refuses WebSocket upgrades and forwards plain HTTP', async () => {
    const s = await shaper({ profile: 'no-websocket' });
    const plain = await dial(s);
    const get = 'GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\n\r\n';
    plain.write(get.slice(0, 10));
    plain.write(get.slice(10));
    expect((await read(plain, get.length)).toString()).toBe(get);

    const ws = await dial(s);
    const code = errorCode(ws);
    ws.write(
      'GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: x\r\n' +
        'Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
    expect(await code).toBe('ECONNRESET');
    expect(s.stats().webSocketsBlocked).toBe(1);
  });

  it('resetAll resets every open connection', async () => {
    const s = await shaper();
    const a = await dial(s);
    const b = await dial(s);
    const codes = Promise.all([errorCode(a), errorCode(b)]);
    s.resetAll();
    expect(await codes).toEqual(['ECONNRESET', 'ECONNRESET']);
  });

  it('passes half-closes through', async () => {
    const s = await shaper({ profile: resolveProfile('perfect', { latencyMs: 20 }) });
    const c = await dial(s);
    c.end('bye');
    expect((await read(c, 3).catch(() => Buffer.alloc(0))).toString()).toBe('bye');
  });

  it('rejects bad profiles with a clear error', () => {
    expect(() => resolveProfile('5G' as never)).toThrow(/unknown network profile "5G"/);
    expect(() => resolveProfile('2G', { resetRate: 2 })).toThrow(/resetRate/);
    expect(() => resolveProfile('2G', { latencyMs: -1 })).toThrow(/latencyMs/);
  });
});
