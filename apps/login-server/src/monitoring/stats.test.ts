import { recordAttachment } from '@parley/db';
import { pb, ProtocolError } from '@parley/proto';
import { getSystemStats } from '@parley/sdk/admin';
import {
  createMemoryRegistry,
  type MsgServerEntry,
  type NodeStatsSnapshot,
} from '@parley/server-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { call, readError, readMessage } from '../testing/http-client.js';
import { startTestLoginServer, type TestLoginServer } from '../testing/start-test-login-server.js';
import { adminPb } from '@parley/proto/admin';

// What msg-servers put into their announcements (msg-server's own tests check that they do,
// with real traffic); here: login-server merges whatever the registry holds.
const snapshot = (over: Partial<NodeStatsSnapshot>): NodeStatsSnapshot => ({
  reportedAt: Date.now(),
  startedAt: Date.now() - 60_000,
  usersOnline: 0,
  messagesInPerSec: 0,
  messagesOutPerSec: 0,
  framesInPerSec: 0,
  framesOutPerSec: 0,
  sendAck: { p50Ms: 0, p95Ms: 0, p99Ms: 0, count: 0 },
  sync: { p50Ms: 0, p95Ms: 0, p99Ms: 0, count: 0 },
  errors: {},
  eventLoopLagMs: 0,
  recentErrors: [],
  ...over,
});
const node = (id: string, connections: number, stats?: NodeStatsSnapshot): MsgServerEntry => ({
  id,
  url: `http://${id}.test`,
  path: '/socket.io',
  connections,
  load: connections,
  ...(stats ? { stats } : {}),
});

let s: TestLoginServer;
const registry = createMemoryRegistry();
let adminToken = '';
let memberToken = '';

beforeAll(async () => {
  s = await startTestLoginServer({}, { registry });
  await s.addUser('root', 'admin-password', { role: 'admin' });
  const mia = await s.addUser('mia', 'member-password');
  adminToken = (await s.signIn('root', 'admin-password')).accessToken;
  memberToken = (await s.signIn('mia', 'member-password')).accessToken;
  const object = { objectKey: '', mime: 'application/octet-stream', width: null, height: null };
  for (const [sha, size] of [
    ['a'.repeat(64), 1_000],
    ['b'.repeat(64), 2_500],
  ] as const) {
    const info = { ...object, sha256: sha, objectKey: `objects/${sha}`, size, thumbnailKey: null };
    await recordAttachment(s.db, { ownerId: mia.id, name: 'f.bin', object: info });
    await recordAttachment(s.db, { ownerId: mia.id, name: 'again.bin', object: info });
  }
}, 120_000);
afterAll(() => s.stop());

describe('GET /v1/admin/stats', () => {
  it('is 401 without a token and 403 for a member', async () => {
    const anonymous = await call(s.base, '/v1/admin/stats');
    expect(anonymous.status).toBe(401);
    expect((await readError(anonymous)).code).toBe('ERROR_CODE_UNAUTHENTICATED');
    const member = await call(s.base, '/v1/admin/stats', { token: memberToken });
    expect(member.status).toBe(403);
    expect((await readError(member)).code).toBe('ERROR_CODE_FORBIDDEN');
    const viaSdk = await getSystemStats({ baseUrl: s.base, accessToken: memberToken }).catch(
      (e: unknown) => e,
    );
    expect(viaSdk).toBeInstanceOf(ProtocolError);
    expect(viaSdk).toMatchObject({ code: pb.ErrorCode.ERROR_CODE_FORBIDDEN });
  });

  it('merges every live node, storage and recent errors', async () => {
    await registry.announce(
      node(
        'msg-2',
        3,
        snapshot({
          usersOnline: 2,
          messagesInPerSec: 1.5,
          messagesOutPerSec: 3,
          sendAck: { p50Ms: 2, p95Ms: 9.5, p99Ms: 14, count: 40 },
          errors: { ERROR_CODE_RATE_LIMITED: 4, ERROR_CODE_SOMETHING_NEWER: 1 },
          eventLoopLagMs: 1.25,
          recentErrors: [
            { time: 3_000, code: 'ERROR_CODE_RATE_LIMITED', message: 'slow down', request: 'send' },
            { time: 1_000, code: 'ERROR_CODE_RATE_LIMITED', message: 'slow down', request: 'send' },
          ],
        }),
      ),
      10_000,
    );
    await registry.announce(
      node(
        'msg-1',
        5,
        snapshot({
          usersOnline: 4,
          messagesInPerSec: 2.25,
          messagesOutPerSec: 6,
          sync: { p50Ms: 4, p95Ms: 8, p99Ms: 8, count: 3 },
          errors: { ERROR_CODE_FORBIDDEN: 2 },
          recentErrors: [
            { time: 2_000, code: 'ERROR_CODE_FORBIDDEN', message: 'not a member', request: 'send' },
          ],
        }),
      ),
      10_000,
    );
    await registry.announce(node('msg-old', 1), 10_000); // announces without a snapshot

    const stats = await getSystemStats({ baseUrl: s.base, accessToken: adminToken });
    expect(stats.nodes.map((n) => n.id)).toEqual(['msg-1', 'msg-2', 'msg-old']);
    const [one, two, old] = stats.nodes;
    expect(one).toMatchObject({ connections: 5, usersOnline: 4, messagesInPerSec: 2.25 });
    expect(one?.sync).toMatchObject({ p50Ms: 4, p95Ms: 8, count: 3 });
    expect(two?.sendAck).toMatchObject({ p50Ms: 2, p95Ms: 9.5, p99Ms: 14, count: 40 });
    expect(two?.eventLoopLagMs).toBe(1.25);
    expect(two?.errors?.map((e) => [e.code, e.count])).toEqual([
      [pb.ErrorCode.ERROR_CODE_RATE_LIMITED, 4],
      [pb.ErrorCode.ERROR_CODE_UNSPECIFIED, 1], // a code this build does not know
    ]);
    expect(old).toMatchObject({ id: 'msg-old', connections: 1, messagesInPerSec: 0 });
    expect(stats.totals).toMatchObject({
      nodes: 3,
      connections: 9,
      messagesInPerSec: 3.75,
      messagesOutPerSec: 9,
      errors: 7,
    });
    expect(stats.usersOnline).toBe(6);
    // Two distinct contents, each attached twice: counted once each.
    expect(stats.storage).toMatchObject({ usedBytes: 3_500, objectCount: 2 });
    expect(stats.recentErrors.map((e) => [e.time, e.node, e.code])).toEqual([
      [3_000, 'msg-2', pb.ErrorCode.ERROR_CODE_RATE_LIMITED],
      [2_000, 'msg-1', pb.ErrorCode.ERROR_CODE_FORBIDDEN],
      [1_000, 'msg-2', pb.ErrorCode.ERROR_CODE_RATE_LIMITED],
    ]);
    expect(stats.generatedAt).toBeGreaterThan(0);
  });

  it('answers proto3 JSON too, and forgets a node that stopped announcing', async () => {
    await registry.withdraw('msg-old');
    const res = await call(s.base, '/v1/admin/stats', {
      token: adminToken,
      accept: 'application/json',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const stats = await readMessage(res, adminPb.SystemStatsResponse);
    expect(stats.nodes.map((n) => n.id)).toEqual(['msg-1', 'msg-2']);
  });
});

describe('login-server /metrics and /ready', () => {
  it('counts sign-ins by outcome', async () => {
    const metrics = async () => (await (await fetch(`${s.base}/metrics`)).text()).split('\n');
    const value = (lines: string[], outcome: string) =>
      Number(
        lines
          .find((l) => l.startsWith(`parley_sign_ins_total{outcome="${outcome}"`))
          ?.split(' ')[1] ?? Number.NaN,
      );
    const before = await metrics();
    await s.signIn('root', 'admin-password');
    const wrong = await call(s.base, '/v1/auth/sign-in', {
      json: { login: 'root', password: 'wrong-password' },
    });
    expect(wrong.status).toBe(401);
    const after = await metrics();
    expect(value(after, 'success') - value(before, 'success')).toBe(1);
    expect(value(after, 'rejected') - value(before, 'rejected')).toBe(1);
    expect(value(after, 'limited')).toBe(value(before, 'limited'));
    expect(
      after.some((l) =>
        l.startsWith(
          'parley_http_requests_total{method="GET",route="/v1/admin/stats",status="403",service="login-server"}',
        ),
      ),
    ).toBe(true);
  });

  it('is ready with its database and 503 once the database is gone', async () => {
    const own = await startTestLoginServer();
    try {
      expect((await call(own.base, '/ready')).status).toBe(200);
      await own.db.close();
      const res = await call(own.base, '/ready', { accept: 'application/json' });
      expect(res.status).toBe(503);
      expect(await readError(res)).toMatchObject({ code: 'ERROR_CODE_UNAVAILABLE' });
      expect((await call(own.base, '/health')).status).toBe(200);
    } finally {
      await own.stop();
    }
  });
});
