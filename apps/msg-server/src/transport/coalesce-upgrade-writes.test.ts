import { createServer, request } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { describe, expect, it } from 'vitest';

import { coalesceUpgradeWrites } from './coalesce-upgrade-writes.js';

describe('coalesceUpgradeWrites', () => {
  it('holds an upgrade’s writes until the event loop has run its callbacks, then sends them together', async () => {
    const server = createServer();
    coalesceUpgradeWrites(server);
    const corkedWhileWriting: number[] = [];
    server.on('upgrade', (_req, socket: Socket) => {
      socket.write(
        'HTTP/1.1 101 Switching Protocols\r\nUpgrade: test\r\nConnection: Upgrade\r\n\r\n',
      );
      corkedWhileWriting.push(socket.writableCorked);
      // A later microtask, as engine.io's open packet comes after an awaited id.
      void Promise.resolve().then(() => {
        socket.write('open');
        corkedWhileWriting.push(socket.writableCorked);
        setImmediate(() => {
          corkedWhileWriting.push(socket.writableCorked);
          socket.end();
        });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const received = await new Promise<string>((resolve, reject) => {
        const req = request({
          host: '127.0.0.1',
          port,
          headers: { connection: 'Upgrade', upgrade: 'test' },
        });
        req.on('upgrade', (_res, socket, head) => {
          let text = head.toString();
          socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
          socket.on('end', () => resolve(text));
        });
        req.on('error', reject);
        req.end();
      });
      expect(received).toBe('open');
      // Corked for the 101 and the open packet; uncorked by the next round of the event loop.
      expect(corkedWhileWriting).toEqual([1, 1, 0]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('leaves a socket destroyed before the uncork alone', async () => {
    const server = createServer();
    coalesceUpgradeWrites(server);
    let uncorkCalls = 0;
    const socket = {
      destroyed: false,
      cork() {},
      uncork() {
        uncorkCalls += 1;
      },
    };
    server.emit('upgrade', {}, socket, Buffer.alloc(0));
    socket.destroyed = true;
    await new Promise((resolve) => setImmediate(resolve));
    expect(uncorkCalls).toBe(0);
  });
});
