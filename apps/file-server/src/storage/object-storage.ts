import type { Readable } from 'node:stream';

/** An inclusive byte range, as HTTP Range speaks it. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface PutInfo {
  /** Exact number of bytes the stream yields. */
  size: number;
  contentType: string;
}

export interface DirectLinkOptions {
  expiresInSeconds: number;
  contentType: string;
  contentDisposition: string;
}

/**
 * Where finished files live: content-addressed blobs under keys this server makes (see
 * objectKeyFor / thumbnailKeyFor), never under names from users. Two implementations: a
 * directory on local disk (the embedded default) and an S3 bucket (MinIO in deployments).
 * Uploads in progress never touch it; only completed, deduplicated objects do.
 */
export interface ObjectStorage {
  /** 'local' or 's3', for logs and health. */
  readonly kind: string;
  /** Creates what the store needs (directory, bucket). Idempotent; called by start(). */
  init(): Promise<void>;
  /** Stores `body` under `key`, replacing any object there; complete or not at all. */
  put(key: string, body: Readable, info: PutInfo): Promise<void>;
  /**
   * Stores the file at `path` under `key`, as put does. The file must not change afterwards
   * (a finished upload's part file): local disk links it into place instead of copying.
   */
  putFile(key: string, path: string, info: PutInfo): Promise<void>;
  /** The object's bytes (the inclusive range when given). Throws ObjectNotFoundError. */
  get(key: string, range?: ByteRange): Promise<Readable>;
  /** The object's size, or null when there is none. */
  stat(key: string): Promise<{ size: number } | null>;
  /** Removes the object; no error when it is already gone. */
  delete(key: string): Promise<void>;
  /**
   * A URL the client may fetch the bytes from directly, or null when this server must stream
   * them itself (local disk, or an S3 store that clients cannot reach).
   */
  directLink(key: string, options: DirectLinkOptions): Promise<string | null>;
}

/** The object a key names does not exist. */
export class ObjectNotFoundError extends Error {
  override readonly name = 'ObjectNotFoundError';
  constructor(readonly key: string) {
    super(`object ${key} not found`);
  }
}

const KEY = /^[a-z0-9]+(?:\/[a-z0-9][a-z0-9._-]*)*$/;

/**
 * Guards every store entry point: keys are made by this server, so anything else (a `..`, a
 * leading slash, an upper-case letter) is a bug and must not reach a file system or bucket.
 */
export function assertObjectKey(key: string): void {
  if (!KEY.test(key) || key.split('/').some((part) => part === '.' || part === '..')) {
    throw new Error(`invalid object key ${JSON.stringify(key)}`);
  }
}

/** The key of an original: fanned out by the hash's first two digits. */
export function objectKeyFor(sha256: string): string {
  return `objects/${sha256.slice(0, 2)}/${sha256}`;
}

/** The key of an image's thumbnail (always WebP). */
export function thumbnailKeyFor(sha256: string): string {
  return `thumbnails/${sha256.slice(0, 2)}/${sha256}.webp`;
}
