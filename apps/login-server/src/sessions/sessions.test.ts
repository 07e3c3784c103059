import { pb } from '@parley/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { call, readError, readMessage, textWithoutLeaks } from '../testing/http-client.js';
import { startTestLoginServer, type TestLoginServer } from '../testing/start-test-login-server.js';

let s: TestLoginServer;
beforeAll(async () => {
  s = await startTestLoginServer();
  await s.addUser('alice', 'alice-password');
  await s.addUser('mallory', 'mallory-password');
}, 120_000);
afterAll(() => s.stop());

const list = async (token: string) => {
  const res = await call(s.base, '/v1/sessions', { token });
  expect(res.status).toBe(200);
  return (await readMessage(res, pb.SessionListResponse)).sessions;
};
const revoke = (token: string, id: number | string) =>
  call(s.base, `/v1/sessions/${id}`, { method: 'DELETE', token });

describe('GET /v1/sessions', () => {
  it("lists the caller's own active sessions, most recent first, the calling one marked", async () => {
    const laptop = await s.signIn('alice', 'alice-password', '10.1.0.1');
    s.clock.advance(1_000);
    const phone = await s.signIn('alice', 'alice-password', '10.1.0.2');
    await s.signIn('mallory', 'mallory-password');

    const seen = await list(phone.accessToken);
    expect(seen.map((x) => Number(x.id))).toEqual([
      Number(phone.sessionId),
      Number(laptop.sessionId),
    ]);
    expect(seen.map((x) => x.current)).toEqual([true, false]);
    expect(seen[1]).toMatchObject({
      deviceKind: pb.DeviceKind.DEVICE_KIND_WEB,
      deviceName: 'alice-device',
      ip: '10.1.0.1',
    });
    expect(Number(seen[0]?.lastSeenAt)).toBe(s.clock.now());
    // Nothing but the caller's, and no secret of any kind.
    const text = await textWithoutLeaks(
      await call(s.base, '/v1/sessions', { token: laptop.accessToken }),
    );
    expect(text).not.toContain(laptop.refreshToken);
    expect((await list(laptop.accessToken)).find((x) => x.current)?.id).toEqual(laptop.sessionId);
  });

  it('requires a live session', async () => {
    expect((await call(s.base, '/v1/sessions')).status).toBe(401);
  });
});

describe('DELETE /v1/sessions/:id', () => {
  it('signs out another device of mine: its tokens stop working and servers are told', async () => {
    const keep = await s.signIn('alice', 'alice-password');
    const lost = await s.signIn('alice', 'alice-password');
    const res = await revoke(keep.accessToken, Number(lost.sessionId));
    expect(res.status).toBe(200);
    expect(await readMessage(res, pb.RevokeSessionResponse)).toEqual(
      pb.RevokeSessionResponse.create(),
    );

    expect((await call(s.base, '/v1/me', { token: lost.accessToken })).status).toBe(401);
    const refresh = await call(s.base, '/v1/auth/refresh', {
      json: { refreshToken: lost.refreshToken },
    });
    expect(refresh.status).toBe(401);
    expect((await call(s.base, '/v1/me', { token: keep.accessToken })).status).toBe(200);
    expect(s.events.at(-1)).toEqual({
      kind: 'session_revoked',
      userId: Number(keep.user?.id),
      sessionIds: [Number(lost.sessionId)],
      reason: 'revoked',
    });
    expect((await list(keep.accessToken)).some((x) => x.id === lost.sessionId)).toBe(false);
  });

  it("answers 404 for someone else's session, exactly as for one that does not exist", async () => {
    const alice = await s.signIn('alice', 'alice-password');
    const mallory = await s.signIn('mallory', 'mallory-password');
    const eventsBefore = s.events.length;

    const theirs = await revoke(mallory.accessToken, Number(alice.sessionId));
    const nobody = await revoke(mallory.accessToken, 987_654_321);
    expect(theirs.status).toBe(404);
    expect(nobody.status).toBe(404);
    const [a, b] = [await readError(theirs), await readError(nobody)];
    expect(a).toEqual(b);
    expect(a).toMatchObject({ code: 'ERROR_CODE_NOT_FOUND' });
    // Alice is still signed in, and nobody was told otherwise.
    expect((await call(s.base, '/v1/me', { token: alice.accessToken })).status).toBe(200);
    expect(s.events.length).toBe(eventsBefore);
    // And Mallory's own list never shows Alice's sessions.
    expect((await list(mallory.accessToken)).every((x) => x.id !== alice.sessionId)).toBe(true);
  });

  it('answers an already ended session with 404 and a malformed id with 400', async () => {
    const me = await s.signIn('alice', 'alice-password');
    const other = await s.signIn('alice', 'alice-password');
    expect((await revoke(me.accessToken, Number(other.sessionId))).status).toBe(200);
    expect((await revoke(me.accessToken, Number(other.sessionId))).status).toBe(404);
    for (const bad of ['abc', '-1', '0', '1.5', '99999999999999999999']) {
      const res = await revoke(me.accessToken, bad);
      expect(res.status).toBe(400);
      expect(await readError(res)).toMatchObject({ code: 'ERROR_CODE_BAD_REQUEST', field: 'id' });
    }
  });

  it('can end the calling session itself (sign-out from the device list)', async () => {
    const me = await s.signIn('alice', 'alice-password');
    expect((await revoke(me.accessToken, Number(me.sessionId))).status).toBe(200);
    expect((await call(s.base, '/v1/me', { token: me.accessToken })).status).toBe(401);
  });
});
