import { describe, expect, it } from 'vitest';

import { pb, ProtocolError, toJson } from '@parley/proto';

import { createLoginApi, type FetchLike } from './login-api.js';

interface Seen {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: Uint8Array;
}

/** A fetch that records the request and answers with `respond`'s Response. */
function recordingFetch(respond: (seen: Seen) => Response): { fetch: FetchLike; seen: Seen[] } {
  const seen: Seen[] = [];
  const fetch: FetchLike = async (url, init) => {
    const body = init?.body ? new Uint8Array(init.body as ArrayBuffer) : new Uint8Array();
    const s = {
      url,
      method: init?.method ?? 'GET',
      headers: { ...(init?.headers as Record<string, string>) },
      body,
    };
    seen.push(s);
    return respond(s);
  };
  return { fetch, seen };
}

const protobuf = (bytes: Uint8Array, status = 200) =>
  new Response(bytes, { status, headers: { 'content-type': 'application/x-protobuf' } });

describe('createLoginApi', () => {
  it('signs in with a binary protobuf body and decodes the tokens', async () => {
    const tokens = pb.SessionTokens.encode({
      accessToken: 'a',
      refreshToken: 'r',
      accessExpiresAt: 111,
      sessionId: 5,
      user: { id: 3, login: 'alice', displayName: 'Alice Chen' },
    }).finish();
    const { fetch, seen } = recordingFetch(() => protobuf(tokens));
    const api = createLoginApi({ baseUrl: 'http://login.test/', fetch });
    const result = await api.signIn({ login: 'alice', password: 'pw' });
    expect(result.accessToken).toBe('a');
    expect(result.user?.displayName).toBe('Alice Chen');
    const req = seen[0];
    expect(req?.url).toBe('http://login.test/v1/auth/sign-in');
    expect(req?.method).toBe('POST');
    expect(req?.headers['Content-Type']).toBe('application/x-protobuf');
    expect(req?.headers.Accept).toBe('application/x-protobuf');
    expect(pb.SignInRequest.decode(req?.body ?? new Uint8Array()).login).toBe('alice');
  });

  it('sends the bearer token and the since parameter', async () => {
    const body = pb.DirectoryResponse.encode({
      users: [{ id: 1, login: 'bob' }],
      version: 4,
    }).finish();
    const { fetch, seen } = recordingFetch(() => protobuf(body));
    const api = createLoginApi({ baseUrl: 'http://login.test', fetch });
    const dir = await api.directory('tok', 3);
    expect(dir.version).toBe(4);
    expect(seen[0]?.url).toBe('http://login.test/v1/directory?since=3');
    expect(seen[0]?.headers.Authorization).toBe('Bearer tok');
  });

  it('turns a protobuf error body into a typed ProtocolError', async () => {
    const error = pb.ErrorResponse.encode({
      error: {
        code: pb.ErrorCode.ERROR_CODE_ACCOUNT_LOCKED,
        message: 'locked',
        retryAfterMs: 60_000,
      },
    }).finish();
    const { fetch } = recordingFetch(() => protobuf(error, 423));
    const api = createLoginApi({ baseUrl: 'http://login.test', fetch });
    const err = await api.signIn({ login: 'a', password: 'b' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProtocolError);
    expect(err).toMatchObject({
      code: pb.ErrorCode.ERROR_CODE_ACCOUNT_LOCKED,
      message: 'locked',
      details: { retryAfterMs: 60_000 },
    });
  });

  it('reads proto3 JSON error bodies too (a server that ignored Accept)', async () => {
    const json = toJson(
      pb.ErrorResponse,
      pb.ErrorResponse.fromObject({ error: { code: 10, message: 'wrong password' } }),
    );
    const { fetch } = recordingFetch(
      () =>
        new Response(JSON.stringify(json), {
          status: 401,
          headers: { 'content-type': 'application/json' },
        }),
    );
    const api = createLoginApi({ baseUrl: 'http://login.test', fetch });
    await expect(api.signIn({ login: 'a', password: 'b' })).rejects.toMatchObject({
      code: pb.ErrorCode.ERROR_CODE_INVALID_CREDENTIALS,
    });
  });

  it('falls back to the HTTP status for other bodies', async () => {
    const { fetch } = recordingFetch(
      () =>
        new Response('<h1>Bad Gateway</h1>', {
          status: 502,
          headers: { 'content-type': 'text/html' },
        }),
    );
    const api = createLoginApi({ baseUrl: 'http://login.test', fetch });
    await expect(api.discovery()).rejects.toMatchObject({
      code: pb.ErrorCode.ERROR_CODE_UNAVAILABLE,
    });
  });

  it('reports network failures as UNAVAILABLE', async () => {
    const api = createLoginApi({
      baseUrl: 'http://login.test',
      fetch: () => Promise.reject(new TypeError('fetch failed')),
    });
    await expect(api.me('t')).rejects.toMatchObject({
      code: pb.ErrorCode.ERROR_CODE_UNAVAILABLE,
      message: expect.stringContaining('fetch failed') as unknown,
    });
  });
});

describe('directory paging', () => {
  it('passes the cursor of the previous page along', async () => {
    const body = pb.DirectoryResponse.encode({ users: [{ id: 2 }], nextCursor: 'c2' }).finish();
    const { fetch, seen } = recordingFetch(() => protobuf(body));
    const api = createLoginApi({ baseUrl: 'http://login.test', fetch });
    const page = await api.directory('tok', 0, 'c1');
    expect(page.nextCursor).toBe('c2');
    expect(seen[0]?.url).toBe('http://login.test/v1/directory?since=0&cursor=c1');
  });
});

describe('a silent network', () => {
  it('gives up after timeoutMs with UNAVAILABLE instead of waiting for minutes', async () => {
    const { createServer } = await import('node:net');
    // Accepts and reads, never answers: what a dead mobile link looks like from the client.
    const silent = createServer((socket) => socket.resume());
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const api = createLoginApi({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 300 });
      await expect(api.discovery()).rejects.toMatchObject({
        code: pb.ErrorCode.ERROR_CODE_UNAVAILABLE,
      });
    } finally {
      silent.close();
    }
  });
});
