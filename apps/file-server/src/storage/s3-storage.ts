import { createReadStream } from 'node:fs';
import { Transform, type Readable } from 'node:stream';

import { Client } from 'minio';

import {
  assertObjectKey,
  ObjectNotFoundError,
  type ByteRange,
  type DirectLinkOptions,
  type ObjectStorage,
  type PutInfo,
} from './object-storage.js';

export interface S3StorageOptions {
  /** e.g. `http://minio:9000` or `https://s3.eu-central-1.amazonaws.com`. */
  endpoint: string;
  accessKey: string;
  secretKey: string;
  bucket: string;
  region?: string;
  /**
   * Hand clients presigned URLs of the bucket instead of streaming through the file-server.
   * Only when clients can reach `endpoint` (default false).
   */
  directDownloads?: boolean;
  /** Multipart part size for large objects (minio's default 64 MiB; at least 5 MiB). */
  partSize?: number;
}

/**
 * Objects in an S3 bucket through the `minio` client: MinIO in Parley's deployments, any
 * S3-compatible store otherwise. Path-style addressing, so a bucket name needs no DNS.
 *
 * @example
 * const storage = createS3Storage({
 *   endpoint: 'http://minio:9000', accessKey, secretKey, bucket: 'parley-files',
 * });
 * await storage.init();
 */
export function createS3Storage(options: S3StorageOptions): ObjectStorage {
  const url = new URL(options.endpoint);
  const useSSL = url.protocol === 'https:';
  const region = options.region ?? 'us-east-1';
  const client = new Client({
    endPoint: url.hostname,
    port: url.port ? Number(url.port) : useSSL ? 443 : 80,
    useSSL,
    accessKey: options.accessKey,
    secretKey: options.secretKey,
    region,
    pathStyle: true,
    ...(options.partSize ? { partSize: options.partSize } : {}),
  });
  const bucket = options.bucket;

  async function put(key: string, body: Readable, info: PutInfo): Promise<void> {
    assertObjectKey(key);
    // The client stores a body shorter than the size given as it is, and ignores the rest of a
    // longer one: count, and fail the stream (so no object is completed) on a mismatch.
    const counted = body.pipe(exactly(info.size, key));
    body.once('error', (err) => counted.destroy(err));
    await client.putObject(bucket, key, counted, info.size, { 'Content-Type': info.contentType });
  }

  return {
    kind: 's3',
    async init() {
      if (!(await client.bucketExists(bucket))) {
        await client.makeBucket(bucket, region).catch(async (err: unknown) => {
          // Another file-server made it meanwhile.
          if (!(await client.bucketExists(bucket))) throw err;
        });
      }
    },
    put,
    async putFile(key: string, path: string, info: PutInfo) {
      assertObjectKey(key);
      await put(key, createReadStream(path), info);
    },
    async get(key: string, range?: ByteRange) {
      assertObjectKey(key);
      try {
        return range
          ? await client.getPartialObject(bucket, key, range.start, range.end - range.start + 1)
          : await client.getObject(bucket, key);
      } catch (err) {
        throw isNotFound(err) ? new ObjectNotFoundError(key) : err;
      }
    },
    async stat(key: string) {
      assertObjectKey(key);
      try {
        return { size: (await client.statObject(bucket, key)).size };
      } catch (err) {
        if (isNotFound(err)) return null;
        throw err;
      }
    },
    async delete(key: string) {
      assertObjectKey(key);
      await client.removeObject(bucket, key);
    },
    async directLink(key: string, link: DirectLinkOptions) {
      assertObjectKey(key);
      if (!options.directDownloads) return null;
      return client.presignedGetObject(bucket, key, link.expiresInSeconds, {
        'response-content-type': link.contentType,
        'response-content-disposition': link.contentDisposition,
      });
    },
  };
}

function isNotFound(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'NotFound' || code === 'NoSuchKey';
}

/** Passes `size` bytes through; errors when the body is shorter or longer. */
function exactly(size: number, key: string): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > size) done(new Error(`object ${key}: expected ${size} bytes, got more`));
      else done(null, chunk);
    },
    flush(done) {
      done(seen === size ? null : new Error(`object ${key}: expected ${size} bytes, got ${seen}`));
    },
  });
}
