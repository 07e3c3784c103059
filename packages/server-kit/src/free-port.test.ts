import { createServer, type Server } from 'node:net';

import { afterEach, describe, expect, it } from 'vitest';

import {
  canListen,
  ephemeralPortRange,
  findFreePort,
  parsePortRange,
  pickableRange,
} from './free-port.js';

const HOST = '127.0.0.1';
const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function listenOn(port: number): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, resolve);
  });
  servers.push(server);
  return server;
}

describe('findFreePort', () => {
  it('parses the kernel range and refuses anything else', () => {
    expect(parsePortRange('32768\t60999\n')).toEqual({ low: 32768, high: 60999 });
    expect(parsePortRange('1024 65535')).toEqual({ low: 1024, high: 65535 });
    for (const bad of ['', '32768', '60999 32768', 'a b', '0 100', '1 70000', '1 2 3']) {
      expect(parsePortRange(bad)).toBeUndefined();
    }
  });

  it('picks outside the ephemeral range: below it, above it, or nowhere', () => {
    expect(pickableRange({ low: 32768, high: 60999 })).toEqual({ low: 10000, high: 32767 });
    expect(pickableRange({ low: 10500, high: 40000 })).toEqual({ low: 40001, high: 65535 });
    expect(pickableRange({ low: 1024, high: 65535 })).toBeUndefined();
  });

  it('returns a port that is free, outside this machine’s ephemeral range, and listenable', async () => {
    const ephemeral = await ephemeralPortRange();
    const port = await findFreePort(HOST);
    expect(port < ephemeral.low || port > ephemeral.high).toBe(true);
    await listenOn(port);
    expect(await canListen(port, HOST)).toBe(false);
  });

  it('passes over a port that is taken', async () => {
    const ephemeral = { low: 32768, high: 60999 };
    const range = { low: 10000, high: 32767 };
    const taken = await findFreePort(HOST, { ephemeral });
    await listenOn(taken);
    // The first draw lands on the taken port, the next ones elsewhere.
    const size = range.high - range.low + 1;
    const draws = [(taken - range.low + 0.5) / size];
    let i = 0;
    const port = await findFreePort(HOST, {
      ephemeral,
      random: () => draws[i++] ?? Math.random(),
    });
    expect(port).not.toBe(taken);
    expect(i).toBeGreaterThanOrEqual(2);
    await listenOn(port);
  });

  it('falls back to a kernel-chosen port when the ephemeral range covers everything', async () => {
    const port = await findFreePort(HOST, { ephemeral: { low: 1024, high: 65535 } });
    expect(port).toBeGreaterThan(0);
    await listenOn(port);
  });
});
