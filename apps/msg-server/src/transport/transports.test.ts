import { pb } from '@parley/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  newClientMsgId,
  openDirectId,
  startTestStack,
  type TestStack,
} from '../testing/harness.js';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.close());

describe('transports', () => {
  it.each([
    ['websocket only', ['websocket'] as const, ['websocket'] as const],
    ['long-polling only', ['polling'] as const, ['polling'] as const],
    ['polling sender, websocket receiver', ['polling'] as const, ['websocket'] as const],
    [
      'default (polling, then upgrade)',
      ['polling', 'websocket'] as const,
      ['polling', 'websocket'] as const,
    ],
  ])('%s: binary frames both ways', async (_name, senderTransports, receiverTransports) => {
    const alice = await stack.createUser('alice');
    const bob = await stack.createUser('bob');
    const a = await stack.connect(alice.token, { transports: [...senderTransports] });
    const b = await stack.connect(bob.token, { transports: [...receiverTransports] });
    // Only allowed transports are ever used (the default may already have upgraded).
    expect(senderTransports).toContain(a.socket.io.engine.transport.name);
    expect(receiverTransports).toContain(b.socket.io.engine.transport.name);
    const conversationId = await openDirectId(a, bob.id);
    const clientMsgId = newClientMsgId();
    const ack = await a.request({
      send: { conversationId, clientMsgId, text: 'över alle Berge 🏔' },
    });
    expect(ack.sendAck?.seq).toBe(1);
    const got = await b.waitFor((f) => f.body === 'message');
    expect(got.message?.text).toBe('över alle Berge 🏔');
    expect([...(got.message?.clientMsgId ?? [])]).toEqual([...clientMsgId]);
    const reply = await b.request({
      send: { conversationId, clientMsgId: newClientMsgId(), text: 'reply' },
    });
    expect(reply.sendAck?.seq).toBe(2);
    await a.waitFor((f) => f.body === 'message' && f.message?.text === 'reply');
  });

  it('lets browsers on other origins in (CORS on the long-polling handshake)', async () => {
    const response = await fetch(`${stack.url}/socket.io/?EIO=4&transport=polling`, {
      headers: { Origin: 'http://app.example' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://app.example');
  });

  it('lets go of the handshake (headers, token, request) once a connection is authenticated', async () => {
    const user = await stack.createUser('lean');
    const ws = await stack.connect(user.token, { transports: ['websocket'] });
    const polling = await stack.connect(user.token, { transports: ['polling'] });
    const sockets = [...stack.server.io.of('/').sockets.values()].filter(
      (s) => s.data.user.userId === user.id,
    );
    expect(sockets).toHaveLength(2);
    for (const socket of sockets) {
      expect(socket.handshake.auth).toEqual({});
      expect(socket.handshake.headers).toEqual({});
    }
    const wsSocket = sockets.find((s) => s.conn.transport.name === 'websocket');
    const engine = wsSocket?.conn as unknown as {
      request: unknown;
      transport: { socket: { _socket: NodeJS.EventEmitter } & NodeJS.EventEmitter };
    };
    // engine.io's reference and its upgrade response's (a 'close' listener on the TCP socket).
    expect(engine.request).toBeNull();
    const tcp = engine.transport.socket._socket;
    expect(tcp.listeners('close').map(String)).not.toContain('() => this.emit("close")');
    expect(engine.transport.socket.listeners('error').map((f) => f.name)).not.toContain(
      'onUpgradeError',
    );
    // Both still work.
    expect((await ws.request({ ping: {} })).body).toBe('pong');
    expect((await polling.request({ ping: {} })).body).toBe('pong');
  });

  it('answers an event other than the frame event with UNSUPPORTED, and keeps the connection', async () => {
    const user = await stack.createUser('odd');
    const c = await stack.connect(user.token);
    c.emitRaw('hello', 'chat message');
    const refused = await c.waitFor((f) => f.error?.code === pb.ErrorCode.ERROR_CODE_UNSUPPORTED);
    expect(refused.error?.message).toContain('unknown event "chat message"');
    expect((await c.request({ ping: {} })).body).toBe('pong');
  });
});
