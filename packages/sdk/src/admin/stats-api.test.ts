import { pb, ProtocolError } from '@parley/proto';
import { describe, expect, it } from 'vitest';

import type { FetchLike } from '../http/login-api.js';

import { getSystemStats } from './stats-api.js';
import { adminPb } from '@parley/proto/admin';

const protobuf = (bytes: Uint8Array, status = 200) =>
  new Response(bytes, { status, headers: { 'content-type': 'application/x-protobuf' } });

describe('getSystemStats', () => {
  it('sends the bearer token to /v1/admin/stats and decodes the response', async () => {
    const seen: { url: string; headers: Record<string, string> }[] = [];
    const body = adminPb.SystemStatsResponse.encode({
      nodes: [
        {
          id: 'm1',
          url: 'http://chat',
          connections: 3,
          messagesInPerSec: 1.5,
          sendAck: { p50Ms: 2, p95Ms: 7, p99Ms: 9, count: 40 },
          errors: [{ code: pb.ErrorCode.ERROR_CODE_RATE_LIMITED, count: 2 }],
        },
      ],
      totals: { nodes: 1, connections: 3, messagesInPerSec: 1.5, errors: 2 },
      storage: { usedBytes: 5_000_000_000, objectCount: 12 },
      usersOnline: 2,
      recentErrors: [{ time: 1000, node: 'm1', code: pb.ErrorCode.ERROR_CODE_RATE_LIMITED }],
      generatedAt: 1_700_000_000_000,
    }).finish();
    const fetch: FetchLike = async (url, init) => {
      seen.push({ url, headers: { ...(init?.headers as Record<string, string>) } });
      return protobuf(body);
    };
    const stats = await getSystemStats({ baseUrl: 'http://login/', accessToken: 'tok', fetch });
    expect(seen).toEqual([
      {
        url: 'http://login/v1/admin/stats',
        headers: { Accept: 'application/x-protobuf', Authorization: 'Bearer tok' },
      },
    ]);
    expect(stats.nodes[0]?.sendAck?.p95Ms).toBe(7);
    expect(stats.nodes[0]?.errors?.[0]?.count).toBe(2);
    expect(stats.storage?.usedBytes).toBe(5_000_000_000);
    expect(stats.generatedAt).toBe(1_700_000_000_000);
    expect(stats.usersOnline).toBe(2);
  });

  it('turns the server error response into a typed ProtocolError', async () => {
    const body = pb.ErrorResponse.encode({
      error: { code: pb.ErrorCode.ERROR_CODE_FORBIDDEN, message: 'admins only' },
    }).finish();
    const error = await getSystemStats({
      baseUrl: 'http://login',
      accessToken: 'tok',
      fetch: async () => protobuf(body, 403),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({
      code: pb.ErrorCode.ERROR_CODE_FORBIDDEN,
      message: 'admins only',
    });
  });

  it('maps a bare status and a network failure to codes', async () => {
    const unauth = await getSystemStats({
      baseUrl: 'http://login',
      accessToken: '',
      fetch: async () => new Response('no', { status: 401 }),
    }).catch((e: unknown) => e);
    expect(unauth).toMatchObject({ code: pb.ErrorCode.ERROR_CODE_UNAUTHENTICATED });
    const down = await getSystemStats({
      baseUrl: 'http://login',
      accessToken: 't',
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    }).catch((e: unknown) => e);
    expect(down).toMatchObject({ code: pb.ErrorCode.ERROR_CODE_UNAVAILABLE });
  });

  it('rejects an unreadable body as INTERNAL', async () => {
    const error = await getSystemStats({
      baseUrl: 'http://login',
      accessToken: 't',
      fetch: async () => protobuf(new Uint8Array([0xff, 0xff, 0xff])),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: pb.ErrorCode.ERROR_CODE_INTERNAL });
  });
});
