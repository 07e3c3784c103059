import { pb } from '@parley/proto';
import { describe, expect, it } from 'vitest';

import type { FetchLike } from '../http/login-api.js';
import { FakeFileServer, protobuf } from '../testing/fake-file-server.js';
import { FileAccess } from './file-access.js';
import { setAvatar } from './set-avatar.js';

/** The fake file-server plus a login-server answering POST /v1/me/avatar. */
function servers() {
  const files = new FakeFileServer();
  const keys: string[] = [];
  const fetch: FetchLike = async (input, init) => {
    if (!input.startsWith('http://login.test/')) return files.fetch(input, init);
    const body = new Uint8Array(
      await new Response(init?.body as ConstructorParameters<typeof Response>[0]).arrayBuffer(),
    );
    const { avatarKey } = pb.SetAvatarRequest.decode(body);
    keys.push(avatarKey);
    const user = {
      id: 7,
      login: 'alice',
      avatarUrl: avatarKey ? 'http://files.test/v1/avatars/7' : '',
    };
    return protobuf(pb.MeResponse.encode({ user }).finish());
  };
  const access = new FileAccess({
    fileServerUrl: () => Promise.resolve('http://files.test'),
    accessToken: () => Promise.resolve('token'),
    fetch,
  });
  return { files, keys, deps: { files: access, loginUrl: 'http://login.test' } };
}

describe('setAvatar', () => {
  it('uploads the image and sets the upload as the avatar; null removes it', async () => {
    const { files, keys, deps } = servers();
    files.mime = 'image/png';
    const me = await setAvatar(deps, new Uint8Array(500).fill(9), 'me.png');
    expect(keys).toEqual(['attachments/42']);
    expect(me).toMatchObject({ id: 7, avatarUrl: 'http://files.test/v1/avatars/7' });
    expect(files.uploads.get('u1')?.name).toBe('me.png');
    expect((await setAvatar(deps, null)).avatarUrl).toBe('');
    expect(keys).toEqual(['attachments/42', '']);
  });

  it('refuses a file the server does not see as an image', async () => {
    const { keys, deps } = servers();
    await expect(setAvatar(deps, new Uint8Array(10), 'x.bin')).rejects.toMatchObject({
      code: pb.ErrorCode.ERROR_CODE_UNSUPPORTED,
    });
    expect(keys).toEqual([]);
  });
});
