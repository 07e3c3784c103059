import { Prisma } from '../generated/prisma/client.js';
import type { FileAttachment } from './types.js';

/** Columns of an attachment `a` joined with its stored object `o`, in AttachmentRow's shape. */
export const ATTACHMENT_COLUMNS = Prisma.sql`a.id, a.owner_id, a.name, a.created_at, o.sha256,
  o.object_key, o.size, o.mime, o.width, o.height, o.thumbnail_key`;

export interface AttachmentRow {
  id: bigint | number;
  owner_id: number;
  name: string;
  created_at: Date | string;
  sha256: string;
  object_key: string;
  size: bigint | number;
  mime: string;
  width: number | null;
  height: number | null;
  thumbnail_key: string | null;
}

export function toFileAttachment(row: AttachmentRow): FileAttachment {
  return {
    id: Number(row.id),
    ownerId: Number(row.owner_id),
    name: row.name,
    createdAt: row.created_at instanceof Date ? row.created_at : new Date(row.created_at),
    sha256: row.sha256,
    objectKey: row.object_key,
    size: Number(row.size),
    mime: row.mime,
    width: row.width === null ? null : Number(row.width),
    height: row.height === null ? null : Number(row.height),
    thumbnailKey: row.thumbnail_key,
  };
}

/** Attachment ids arrive from clients: keep positive safe integers, once each, in order. */
export function cleanIds(ids: readonly number[]): number[] {
  return [...new Set(ids.filter((id) => Number.isSafeInteger(id) && id > 0))];
}
