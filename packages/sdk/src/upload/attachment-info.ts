import type { pb } from '@parley/proto';

import type { AttachmentInfo } from './types.js';

/**
 * The normalised form of a wire attachment (every field filled).
 *
 * @example
 * const info = toAttachmentInfo(message.attachments[0]);
 */
export function toAttachmentInfo(a: pb.IAttachment): AttachmentInfo {
  return {
    id: Number(a.id ?? 0),
    name: a.name ?? '',
    mime: a.mime ?? '',
    size: Number(a.size ?? 0),
    width: a.width ?? 0,
    height: a.height ?? 0,
    hasThumbnail: a.hasThumbnail ?? false,
  };
}
