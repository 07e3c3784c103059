import type { FileAttachment } from '@parley/db';
import { pb } from '@parley/proto';

/** An attachment as clients see it: no keys, no hashes, no owner. */
export function toPbAttachment(a: FileAttachment): pb.Attachment {
  return pb.Attachment.create({
    id: a.id,
    name: a.name,
    mime: a.mime,
    size: a.size,
    width: a.width ?? 0,
    height: a.height ?? 0,
    hasThumbnail: a.thumbnailKey !== null,
  });
}
