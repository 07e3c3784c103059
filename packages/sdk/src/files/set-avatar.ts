/**
 * Setting one's avatar: upload the image to the file-server (tus), then tell the login-server
 * to use that upload (`POST /v1/me/avatar` with `attachments/<id>`); the file-server serves it
 * at `User.avatar_url` to every signed-in user.
 */
import { ProtocolError, pb } from '@parley/proto';

import { networkError } from '../errors/client-errors.js';
import { toUserInfo } from '../model/normalize.js';
import type { UserInfo } from '../model/types.js';
import { errorOf } from '../http/http-errors.js';
import type { FileBytes } from './attachment-uploads.js';
import type { FileAccess } from './file-access.js';

const PROTOBUF = 'application/x-protobuf';

/** What setAvatar needs from the client. */
export interface SetAvatarDeps {
  files: FileAccess;
  /** The login-server origin. */
  loginUrl: string;
}

/**
 * Uploads `image` and makes it the signed-in user's avatar (null removes the avatar).
 * Resolves with the updated profile. Rejects with UNSUPPORTED when the file is not an image
 * (the server sniffs it), and with the servers' errors otherwise.
 *
 * @example
 * const me = await setAvatar({ files, loginUrl }, input.files[0], input.files[0].name);
 */
export async function setAvatar(
  deps: SetAvatarDeps,
  image: FileBytes | null,
  name = 'avatar',
): Promise<UserInfo> {
  let avatarKey = '';
  if (image) {
    const { uploadFile } = await import('../upload/upload-file.js');
    const attachment = await uploadFile({
      fileServerUrl: await deps.files.url(),
      token: () => deps.files.token(),
      file: image,
      name,
      fetch: deps.files.fetch,
    }).done;
    if (!attachment.mime.startsWith('image/')) {
      throw new ProtocolError(pb.ErrorCode.ERROR_CODE_UNSUPPORTED, 'an avatar must be an image', {
        field: 'image',
      });
    }
    avatarKey = `attachments/${attachment.id}`;
  }
  const body = pb.SetAvatarRequest.encode({ avatarKey }).finish();
  let response: Response;
  try {
    response = await deps.files.fetch(`${deps.loginUrl.replace(/\/+$/, '')}/v1/me/avatar`, {
      method: 'POST',
      headers: {
        'Content-Type': PROTOBUF,
        Accept: PROTOBUF,
        Authorization: `Bearer ${await deps.files.token()}`,
      },
      body: body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer,
    });
  } catch (err) {
    throw networkError(err);
  }
  if (!response.ok) throw await errorOf(response);
  const me = pb.MeResponse.decode(new Uint8Array(await response.arrayBuffer()));
  return toUserInfo(me.user);
}
