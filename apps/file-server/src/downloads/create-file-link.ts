import { canSeeAttachment, getAttachment } from '@parley/db';
import { pb } from '@parley/proto';

import { forbidden, notFound } from '../errors.js';
import { toPbAttachment } from '../files/to-pb-attachment.js';
import type { FileContext } from '../server/file-context.js';
import { signLink, type FileVariant } from './link-signature.js';

/**
 * Short-lived download URLs for an attachment, for a user allowed to see it: its uploader,
 * or a member of a conversation where a message they can see references it. `baseUrl` is
 * where clients reach this server.
 *
 * Throws NOT_FOUND (no such attachment) or FORBIDDEN (not allowed to see it).
 */
export async function createFileLink(
  ctx: FileContext,
  userId: number,
  attachmentId: number,
  baseUrl: string,
): Promise<pb.FileLink> {
  const attachment = await getAttachment(ctx.db, attachmentId);
  if (!attachment) throw notFound('no such attachment');
  if (!(await canSeeAttachment(ctx.db, userId, attachmentId))) {
    throw forbidden('not allowed to see this attachment');
  }
  const expiresAt = ctx.now() + ctx.settings.linkTtlMs;
  const url = (variant: FileVariant) => {
    const path = variant === 'thumbnail' ? `${attachmentId}/thumbnail` : `${attachmentId}`;
    const sig = signLink(ctx.linkSecret, attachmentId, variant, expiresAt);
    return `${baseUrl}/v1/files/${path}?exp=${expiresAt}&sig=${sig}`;
  };
  return pb.FileLink.create({
    url: url('original'),
    thumbnailUrl: attachment.thumbnailKey ? url('thumbnail') : '',
    expiresAt,
    attachment: toPbAttachment(attachment),
  });
}
