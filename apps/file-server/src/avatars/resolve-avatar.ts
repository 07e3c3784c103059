import {
  findStoredObject,
  getAttachment,
  getUser,
  ownsContent,
  type StoredObjectInfo,
} from '@parley/db';

import type { FileContext } from '../server/file-context.js';

/** `attachments/<id>`: an upload of the user (what a client has after a tus upload). */
const ATTACHMENT_KEY = /^attachments\/(\d{1,15})$/;
/** `objects/<xx>/<sha256>`: a stored object's own key (see objectKeyFor). */
const OBJECT_KEY = /^objects\/[0-9a-f]{2}\/([0-9a-f]{64})$/;

/**
 * The image a user's avatar shows, or null when there is none to show. The login-server
 * stores the user's `avatar_key` after checking only its form; here it must name an image the
 * user uploaded themselves (`attachments/<id>` or `objects/<xx>/<sha256>`), so nobody can make
 * someone else's file, or a non-image, their avatar.
 *
 * @example
 * const avatar = await resolveAvatar(ctx, userId);
 * if (!avatar) throw notFound('no avatar');
 */
export async function resolveAvatar(
  ctx: FileContext,
  userId: number,
): Promise<StoredObjectInfo | null> {
  const user = await getUser(ctx.db, userId);
  const key = user?.avatarKey;
  if (!key) return null;
  let found: StoredObjectInfo | null = null;
  const byAttachment = ATTACHMENT_KEY.exec(key);
  const byObject = OBJECT_KEY.exec(key);
  if (byAttachment) {
    const attachment = await getAttachment(ctx.db, Number(byAttachment[1]));
    if (attachment?.ownerId === userId) found = attachment;
  } else if (byObject?.[1] && (await ownsContent(ctx.db, userId, byObject[1]))) {
    found = await findStoredObject(ctx.db, byObject[1]);
  }
  return found && found.mime.startsWith('image/') ? found : null;
}
