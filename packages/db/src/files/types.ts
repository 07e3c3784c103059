import type { Database } from '../client.js';
import type { Prisma } from '../generated/prisma/client.js';

/** One stored blob, addressed by the sha256 of its bytes: identical content is stored once. */
export interface StoredObjectInfo {
  /** 64 lowercase hex digits. */
  sha256: string;
  /** Where the bytes live in the object store (server-made, never from user input). */
  objectKey: string;
  size: number;
  /** Sniffed from the content, never taken from the client. */
  mime: string;
  /** Pixel size of images (after EXIF orientation); null for everything else. */
  width: number | null;
  height: number | null;
  /** The key of the image's thumbnail, null when it has none. */
  thumbnailKey: string | null;
}

/** One user's upload of a stored object, under the (sanitised) name they gave it. */
export interface FileAttachment extends StoredObjectInfo {
  id: number;
  ownerId: number;
  name: string;
  createdAt: Date;
}

/**
 * The database client or an open Prisma transaction: functions that take it can run inside a
 * caller's transaction (e.g. linking attachments while a message is inserted).
 */
export type FilesQueryable = Prisma.TransactionClient | Database['prisma'];
