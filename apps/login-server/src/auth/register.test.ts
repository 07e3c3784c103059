import { setSetting, SETTING_REGISTRATION_OPEN } from '@parley/db';
import { pb } from '@parley/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { call, readError, readMessage, textWithoutLeaks } from '../testing/http-client.js';
import { startTestLoginServer, type TestLoginServer } from '../testing/start-test-login-server.js';

let s: TestLoginServer;
let nextIp = 1;
const ip = () => `10.9.0.${nextIp++}`;

beforeAll(async () => {
  s = await startTestLoginServer({ ipLimit: { maxFailures: 3, windowMs: 60_000 } });
  await s.addUser('taken', 'taken-password');
}, 120_000);
afterAll(() => s.stop());

const register = (body: Record<string, unknown>, from = ip()) =>
  call(s.base, '/v1/auth/register', { json: body, ip: from });
const valid = (login: string) => ({
  login,
  password: 'a-long-password',
  displayName: '张伟',
  deviceKind: 'DEVICE_KIND_WEB',
});

describe('POST /v1/auth/register', () => {
  it('is closed by default: 403 FORBIDDEN, and no account appears', async () => {
    const res = await register(valid('newbie'));
    expect(res.status).toBe(403);
    expect(await readError(res)).toMatchObject({ code: 'ERROR_CODE_FORBIDDEN' });
    expect(await s.db.prisma.user.findUnique({ where: { login: 'newbie' } })).toBeNull();
  });

  it('opens with the registration_open setting and signs the new member in', async () => {
    await setSetting(s.db, SETTING_REGISTRATION_OPEN, true);
    const res = await register(valid('Newbie'));
    expect(res.status).toBe(200);
    const tokens = await readMessage(res.clone(), pb.SessionTokens);
    await textWithoutLeaks(res);
    expect(tokens.user).toMatchObject({
      login: 'newbie',
      displayName: '张伟',
      role: pb.Role.ROLE_MEMBER,
    });
    expect((await call(s.base, '/v1/me', { token: tokens.accessToken })).status).toBe(200);
    const row = await s.db.prisma.user.findUnique({ where: { login: 'newbie' } });
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row?.pinyin).toBe('zhangwei zw');
    // The new password works for sign-in.
    await s.signIn('newbie', 'a-long-password');
    await setSetting(s.db, SETTING_REGISTRATION_OPEN, false);
    expect((await register(valid('another'))).status).toBe(403);
  });

  it('refuses a taken login with 409 CONFLICT', async () => {
    await setSetting(s.db, SETTING_REGISTRATION_OPEN, true);
    const res = await register(valid('TAKEN'));
    expect(res.status).toBe(409);
    expect(await readError(res)).toMatchObject({ code: 'ERROR_CODE_CONFLICT', field: 'login' });
  });

  it.each([
    ['a one-letter login', { ...valid('x') }, 'login'],
    ['a login with spaces', { ...valid('two words') }, 'login'],
    ['a short password', { ...valid('shorty'), password: 'short' }, 'password'],
    ['an empty display name', { ...valid('noname'), displayName: '  ' }, 'display_name'],
    ['a display name with a newline', { ...valid('nl'), displayName: 'a\nb' }, 'display_name'],
  ])('answers %s with 400 naming the field', async (_name, body, field) => {
    await setSetting(s.db, SETTING_REGISTRATION_OPEN, true);
    const res = await register(body);
    expect(res.status).toBe(400);
    expect(await readError(res)).toMatchObject({ code: 'ERROR_CODE_BAD_REQUEST', field });
  });

  it('limits registrations per address with 429 and Retry-After', async () => {
    await setSetting(s.db, SETTING_REGISTRATION_OPEN, true);
    const from = '192.0.2.50';
    for (let i = 0; i < 3; i++) expect((await register(valid(`bulk${i}`), from)).status).toBe(200);
    const res = await register(valid('bulk3'), from);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await readError(res)).toMatchObject({ code: 'ERROR_CODE_RATE_LIMITED' });
    // Sign-ins from the same address are counted apart.
    await s.signIn('bulk0', 'a-long-password', from);
  });

  it('follows the config over the setting when it is set', async () => {
    const closed = await startTestLoginServer({ registrationOpen: false });
    try {
      await setSetting(closed.db, SETTING_REGISTRATION_OPEN, true);
      const res = await call(closed.base, '/v1/auth/register', { json: valid('cfg') });
      expect(res.status).toBe(403);
    } finally {
      await closed.stop();
    }
  });
});
