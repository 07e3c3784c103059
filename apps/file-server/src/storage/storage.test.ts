import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startS3TestServer, type S3TestServer } from '../testing/s3-test-server.js';
import { createLocalStorage } from './local-storage.js';
import { ObjectNotFoundError, objectKeyFor, type ObjectStorage } from './object-storage.js';
import { createS3Storage } from './s3-storage.js';

const MiB = 1024 * 1024;
let s3: S3TestServer;
let dir: string;

beforeAll(async () => {
  s3 = await startS3TestServer();
  dir = await mkdtemp(join(tmpdir(), 'parley-local-storage-'));
});
afterAll(async () => {
  await s3.stop();
  await rm(dir, { recursive: true, force: true });
});

const s3Storage = (directDownloads = false) =>
  createS3Storage({
    endpoint: s3.endpoint,
    accessKey: s3.accessKey,
    secretKey: s3.secretKey,
    bucket: 'parley-test',
    partSize: 5 * MiB,
    directDownloads,
  });

const stores: [string, () => ObjectStorage][] = [
  ['local disk', () => createLocalStorage({ root: join(dir, 'objects') })],
  ['S3 (s3rver over HTTP)', () => s3Storage()],
];

describe.each(stores)('%s', (_name, make) => {
  let storage: ObjectStorage;
  beforeAll(async () => {
    storage = make();
    await storage.init();
    await storage.init(); // idempotent
  });

  const put = (key: string, bytes: Buffer) =>
    storage.put(key, Readable.from([bytes]), { size: bytes.length, contentType: 'image/png' });

  it('puts, stats, gets, ranges and deletes an object', async () => {
    const bytes = randomBytes(10_000);
    const key = objectKeyFor('ab'.repeat(32));
    await put(key, bytes);
    expect(await storage.stat(key)).toEqual({ size: 10_000 });
    expect((await buffer(await storage.get(key))).equals(bytes)).toBe(true);
    const part = await buffer(await storage.get(key, { start: 100, end: 199 }));
    expect(part.equals(bytes.subarray(100, 200))).toBe(true);
    const tail = await buffer(await storage.get(key, { start: 9_999, end: 9_999 }));
    expect(tail.equals(bytes.subarray(9_999))).toBe(true);
    await storage.delete(key);
    await storage.delete(key); // already gone: fine
    expect(await storage.stat(key)).toBeNull();
    await expect(storage.get(key)).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('replaces an object written twice (dedupe races write identical bytes)', async () => {
    const key = objectKeyFor('cd'.repeat(32));
    await put(key, Buffer.from('first'));
    await put(key, Buffer.from('second!'));
    expect((await buffer(await storage.get(key))).toString()).toBe('second!');
  });

  it('stores a large object in parts', async () => {
    const bytes = randomBytes(6 * MiB + 123);
    const key = objectKeyFor('ef'.repeat(32));
    // Several stream chunks, as a file read delivers them.
    const chunks = Array.from({ length: 7 }, (_, i) => bytes.subarray(i * MiB, (i + 1) * MiB));
    await storage.put(key, Readable.from(chunks), { size: bytes.length, contentType: 'video/mp4' });
    expect(await storage.stat(key)).toEqual({ size: bytes.length });
    const middle = await buffer(await storage.get(key, { start: 5 * MiB - 10, end: 5 * MiB + 9 }));
    expect(middle.equals(bytes.subarray(5 * MiB - 10, 5 * MiB + 10))).toBe(true);
  });

  it('refuses keys it did not make', async () => {
    for (const key of ['../etc/passwd', '/abs', 'objects/../x', 'Objects/A', 'a//b', '']) {
      await expect(storage.stat(key)).rejects.toThrow(/invalid object key/);
    }
  });
});

describe('local disk specifics', () => {
  it('leaves no temporary file behind when a put fails, and streams downloads itself', async () => {
    const storage = createLocalStorage({ root: join(dir, 'failing') });
    await storage.init();
    const key = objectKeyFor('12'.repeat(32));
    await expect(
      storage.put(key, Readable.from([Buffer.from('short')]), { size: 99, contentType: 'x/y' }),
    ).rejects.toThrow(/expected 99 bytes/);
    expect(await readdir(join(dir, 'failing', '.tmp'))).toEqual([]);
    expect(await storage.stat(key)).toBeNull();
    expect(
      await storage.directLink(key, {
        expiresInSeconds: 60,
        contentType: 'x',
        contentDisposition: 'y',
      }),
    ).toBeNull();
  });
});

describe('S3 specifics', () => {
  it('went through the multipart path (the harness answered ListMultipartUploads)', () => {
    expect(s3.answeredListUploads).toBeGreaterThan(0);
  });

  it('hands out presigned URLs only when direct downloads are on', async () => {
    const link = { expiresInSeconds: 60, contentType: 'image/png', contentDisposition: 'inline' };
    const key = objectKeyFor('34'.repeat(32));
    const plain = s3Storage();
    await plain.put(key, Readable.from([Buffer.from('pixels')]), {
      size: 6,
      contentType: 'image/png',
    });
    expect(await plain.directLink(key, link)).toBeNull();
    const url = await s3Storage(true).directLink(key, link);
    expect(url).toMatch(/X-Amz-Signature=/);
    const res = await fetch(url ?? '');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('pixels');
  });
});
