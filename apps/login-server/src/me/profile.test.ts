import { pb } from '@parley/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { PROTOBUF, call, readError, readMessage } from '../testing/http-client.js';
import { startTestLoginServer, type TestLoginServer } from '../testing/start-test-login-server.js';

let s: TestLoginServer;
let token: string;
let userId: number;
beforeAll(async () => {
  s = await startTestLoginServer({ fileServerUrl: 'http://files.test:3003/' });
  userId = (await s.addUser('olga', 'olga-password')).id;
  token = (await s.signIn('olga', 'olga-password')).accessToken;
}, 120_000);
afterAll(() => s.stop());

const profile = async (body: Record<string, unknown>) => {
  const res = await call(s.base, '/v1/me/profile', { json: body, token });
  return res;
};
const user = async (res: Response) => (await readMessage(res, pb.MeResponse)).user;

describe('POST /v1/me/profile', () => {
  it('sets the non-empty fields without a mask, exactly the masked ones with one', async () => {
    let res = await profile({ title: 'Designer', signature: 'Back Monday' });
    expect(res.status).toBe(200);
    expect(await user(res)).toMatchObject({ title: 'Designer', signature: 'Back Monday' });

    res = await profile({ signature: '  In Shanghai  ' });
    expect(await user(res)).toMatchObject({ title: 'Designer', signature: 'In Shanghai' });

    res = await profile({ updateMask: ['PROFILE_FIELD_SIGNATURE'] });
    expect(await user(res)).toMatchObject({ title: 'Designer', signature: '' });

    // Binary clients use the same message.
    const bin = await call(s.base, '/v1/me/profile', {
      binary: pb.UpdateProfileRequest.encode({
        title: 'Lead Designer',
        updateMask: [pb.ProfileField.PROFILE_FIELD_TITLE],
      }).finish(),
      accept: PROTOBUF,
      token,
    });
    expect((await user(bin))?.title).toBe('Lead Designer');
    const me = await readMessage(await call(s.base, '/v1/me', { token }), pb.MeResponse);
    expect(me.user).toMatchObject({ title: 'Lead Designer', signature: '' });
  });

  it.each([
    ['a title over 100 characters', { title: 'x'.repeat(101) }, 'title'],
    ['a signature over 200 characters', { signature: 'x'.repeat(201) }, 'signature'],
    ['a multi-line signature', { signature: 'one\ntwo' }, 'signature'],
    ['an unknown mask entry', { updateMask: [7] }, 'update_mask'],
  ])('refuses %s with 400', async (_name, body, field) => {
    const res = await profile(body);
    expect(res.status).toBe(400);
    expect(await readError(res)).toMatchObject({ code: 'ERROR_CODE_BAD_REQUEST', field });
  });

  it('cannot change the name, role or anything else', async () => {
    const res = await profile({ displayName: 'Root', role: 'ROLE_ADMIN' });
    expect(res.status).toBe(400);
    expect((await readError(res)).code).toBe('ERROR_CODE_BAD_REQUEST');
  });
});

describe('POST /v1/me/avatar', () => {
  it('stores the key and serves avatar_url from the file-server; "" removes it', async () => {
    const res = await call(s.base, '/v1/me/avatar', {
      json: { avatarKey: 'uploads/2026/ab/cdef0123.png' },
      token,
    });
    expect(res.status).toBe(200);
    expect((await user(res))?.avatarUrl).toBe(`http://files.test:3003/v1/avatars/${userId}`);
    const row = await s.db.prisma.user.findUnique({ where: { id: userId } });
    expect(row?.avatarKey).toBe('uploads/2026/ab/cdef0123.png');
    // The directory shows it too.
    const dir = await readMessage(
      await call(s.base, '/v1/directory', { token }),
      pb.DirectoryResponse,
    );
    expect(dir.users.find((u) => Number(u.id) === userId)?.avatarUrl).toMatch(/\/v1\/avatars\//);

    const cleared = await call(s.base, '/v1/me/avatar', { json: { avatarKey: '' }, token });
    expect((await user(cleared))?.avatarUrl).toBe('');
  });

  it.each([
    ['../../etc/passwd'],
    ['/abs/key'],
    ['a//b'],
    ['a/../b'],
    ['sp ace'],
    ['x'.repeat(300)],
  ])('refuses the key %j with 400', async (avatarKey) => {
    const res = await call(s.base, '/v1/me/avatar', { json: { avatarKey }, token });
    expect(res.status).toBe(400);
    expect(await readError(res)).toMatchObject({
      code: 'ERROR_CODE_BAD_REQUEST',
      field: 'avatar_key',
    });
  });
});
