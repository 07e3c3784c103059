import { describe, expect, it } from 'vitest';

import { ProtocolError, pb } from '@parley/proto';

import type { MsgServer } from '../model/types.js';
import { raceConnect } from './race-connect.js';
import { errorFromConnectError, type PendingSocket, type SocketLike } from './socket.js';

const server = (id: string): MsgServer => ({
  id,
  url: `http://${id}`,
  path: '/socket.io',
  load: 0,
});

/** A connection attempt the test settles by hand; records cancels and disconnects. */
function attempt(log: string[], id: string) {
  let resolve!: (s: SocketLike) => void;
  let reject!: (e: ProtocolError) => void;
  const ready = new Promise<SocketLike>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const socket: SocketLike = {
    connected: true,
    on: () => undefined,
    off: () => undefined,
    emit: () => undefined,
    disconnect: () => log.push(`disconnect ${id}`),
  };
  const pending: PendingSocket = {
    ready,
    cancel: () => {
      log.push(`cancel ${id}`);
      reject(new ProtocolError(pb.ErrorCode.ERROR_CODE_UNAVAILABLE, 'cancelled'));
    },
  };
  return {
    pending,
    connect: () => resolve(socket),
    fail: (code = pb.ErrorCode.ERROR_CODE_UNAVAILABLE) =>
      reject(new ProtocolError(code, `${id} down`)),
  };
}

function setup(ids: string[]) {
  const log: string[] = [];
  const attempts = new Map(ids.map((id) => [id, attempt(log, id)]));
  const opened: string[] = [];
  const open = (s: MsgServer) => {
    opened.push(s.id);
    const a = attempts.get(s.id);
    if (!a) throw new Error(`unexpected ${s.id}`);
    return a.pending;
  };
  const get = (id: string) => attempts.get(id) as ReturnType<typeof attempt>;
  return { log, opened, open, get, servers: ids.map(server) };
}

describe('raceConnect', () => {
  it('tries the first two at once; the first to connect wins and the other is closed', async () => {
    const t = setup(['a', 'b', 'c']);
    const race = raceConnect(t.servers, t.open);
    expect(t.opened).toEqual(['a', 'b']);
    t.get('b').connect();
    const winner = await race;
    expect(winner.server.id).toBe('b');
    expect(t.log).toContain('cancel a');
    expect(t.opened).toEqual(['a', 'b']);
  });

  it('walks on down the list when both fail', async () => {
    const t = setup(['a', 'b', 'c', 'd']);
    const race = raceConnect(t.servers, t.open);
    t.get('a').fail();
    t.get('b').fail();
    await Promise.resolve();
    await new Promise((r) => setTimeout(r, 0));
    expect(t.opened).toEqual(['a', 'b', 'c', 'd']);
    t.get('d').connect();
    expect((await race).server.id).toBe('d');
  });

  it('waits for the second when the first fails', async () => {
    const t = setup(['a', 'b']);
    const race = raceConnect(t.servers, t.open);
    t.get('a').fail();
    await new Promise((r) => setTimeout(r, 0));
    t.get('b').connect();
    expect((await race).server.id).toBe('b');
  });

  it('rejects with the last error when nothing connects', async () => {
    const t = setup(['a']);
    const race = raceConnect(t.servers, t.open);
    t.get('a').fail();
    await expect(race).rejects.toMatchObject({ message: 'a down' });
    await expect(raceConnect([], t.open)).rejects.toMatchObject({
      code: pb.ErrorCode.ERROR_CODE_UNAVAILABLE,
    });
  });

  it('stops at once on UNAUTHENTICATED: the token is wrong everywhere', async () => {
    const t = setup(['a', 'b', 'c']);
    const race = raceConnect(t.servers, t.open);
    t.get('a').fail(pb.ErrorCode.ERROR_CODE_UNAUTHENTICATED);
    await expect(race).rejects.toMatchObject({ code: pb.ErrorCode.ERROR_CODE_UNAUTHENTICATED });
    expect(t.log).toContain('cancel b');
    expect(t.opened).toEqual(['a', 'b']);
  });
});

describe('errorFromConnectError', () => {
  it('reads a pb.Error object or bytes from the error data', () => {
    const object = Object.assign(new Error('refused'), {
      data: { code: pb.ErrorCode.ERROR_CODE_UNAUTHENTICATED, message: 'token expired' },
    });
    expect(errorFromConnectError(object)).toMatchObject({
      code: pb.ErrorCode.ERROR_CODE_UNAUTHENTICATED,
      message: 'token expired',
    });
    const bytes = Object.assign(new Error('refused'), {
      data: pb.Error.encode({
        code: pb.ErrorCode.ERROR_CODE_RATE_LIMITED,
        message: 'later',
      }).finish(),
    });
    expect(errorFromConnectError(bytes).code).toBe(pb.ErrorCode.ERROR_CODE_RATE_LIMITED);
    const named = Object.assign(new Error('x'), {
      data: { error: { code: 'ERROR_CODE_FORBIDDEN' } },
    });
    expect(errorFromConnectError(named).code).toBe(pb.ErrorCode.ERROR_CODE_FORBIDDEN);
  });

  it('treats a transport failure as UNAVAILABLE', () => {
    expect(errorFromConnectError(new Error('xhr poll error')).code).toBe(
      pb.ErrorCode.ERROR_CODE_UNAVAILABLE,
    );
  });
});
