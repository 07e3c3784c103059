import { attachKnownObject, findStoredObject, getStorageUsage, ownsContent } from '@parley/db';
import { pb } from '@parley/proto';

import { badRequest, forbidden, tooLarge } from '../errors.js';
import { sanitizeFilename } from '../names/sanitize-filename.js';
import type { FileContext } from '../server/file-context.js';
import { toPbAttachment } from './to-pb-attachment.js';

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * The pre-upload check behind instant re-sends: when the server already stores content with
 * this sha256 and size, the caller gets an attachment of it under `name` without sending a
 * byte (quota permitting: content they already own costs nothing). Otherwise the response is
 * empty and the client uploads.
 *
 * Note: whoever knows a file's sha256 and size can attach it. Inside one company that is the
 * accepted trade for instant forwarding; a hash is not something a colleague can guess.
 */
export async function checkFile(
  ctx: FileContext,
  userId: number,
  request: pb.CheckFileRequest,
): Promise<pb.CheckFileResponse> {
  const sha256 = request.sha256.toLowerCase();
  if (!SHA256.test(sha256)) throw badRequest('sha256 must be 64 hex digits', 'sha256');
  const size = Number(request.size);
  const known = await findStoredObject(ctx.db, sha256);
  if (!known || known.size !== size) return pb.CheckFileResponse.create({});

  return ctx.locks.run(`user:${userId}`, async () => {
    const usage = await getStorageUsage(ctx.db, userId);
    if (!usage.active) throw forbidden('this account may not upload');
    if (
      !(await ownsContent(ctx.db, userId, sha256)) &&
      usage.usedBytes + size > ctx.settings.userQuotaBytes
    ) {
      throw tooLarge('storage quota exceeded');
    }
    const attachment = await attachKnownObject(ctx.db, {
      ownerId: userId,
      sha256,
      size,
      name: sanitizeFilename(request.name),
    });
    return pb.CheckFileResponse.create(
      attachment ? { attachment: toPbAttachment(attachment) } : {},
    );
  });
}
