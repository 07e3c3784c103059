import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
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

  it('refuses a body shorter or longer than its size, storing nothing', async () => {
    for (const [size, bytes] of [
      [99, Buffer.from('short')],
      [3, Buffer.from('too long')],
    ] as const) {
      const key = objectKeyFor(randomBytes(32).toString('hex'));
      await expect(
        storage.put(key, Readable.from([bytes]), { size, contentType: 'x/y' }),
      ).rejects.toThrow(new RegExp(`expected ${size} bytes`));
      expect(await storage.stat(key)).toBeNull();
    }
  });

  it('stores a finished file by path, refusing one whose size is not the expected', async () => {
    const bytes = randomBytes(300_000);
    const source = join(dir, `source-${randomBytes(4).toString('hex')}`);
    await writeFile(source, bytes);
    const key = objectKeyFor('5e'.repeat(32));
    await storage.putFile(key, source, { size: bytes.length, contentType: 'image/png' });
    expect((await buffer(await storage.get(key))).equals(bytes)).toBe(true);
    // The source is the upload's part file: it stays until the upload removes it, and the
    // object outlives it.
    expect((await stat(source)).size).toBe(bytes.length);
    await rm(source);
    expect((await buffer(await storage.get(key))).equals(bytes)).toBe(true);

    const other = join(dir, `source-${randomBytes(4).toString('hex')}`);
    await writeFile(other, bytes.subarray(0, 1000));
    const wrong = objectKeyFor('5f'.repeat(32));
    await expect(
      storage.putFile(wrong, other, { size: 2000, contentType: 'image/png' }),
    ).rejects.toThrow(/2000/);
    expect(await storage.stat(wrong)).toBeNull();
  });

  it('refuses keys it did not make', async () => {
    for (const key of ['../etc/passwd', '/abs', 'objects/../x', 'Objects/A', 'a//b', '']) {
      await expect(storage.stat(key)).rejects.toThrow(/invalid object key/);
    }
  });
});

describe('local disk specifics', () => {
  it('links a finished file into place, and copies it where linking is refused', async () => {
    const root = join(dir, 'linking');
    const source = join(dir, 'linking-source');
    const bytes = randomBytes(50_000);
    await writeFile(source, bytes);
    const info = { size: bytes.length, contentType: 'x/y' };

    const linking = createLocalStorage({ root });
    await linking.init();
    const linked = objectKeyFor('1a'.repeat(32));
    await linking.putFile(linked, source, info);
    expect((await stat(join(root, linked))).ino).toBe((await stat(source)).ino);

    const refusals: string[] = [];
    const copying = createLocalStorage({
      root,
      link: (existing) => {
        refusals.push(existing);
        return Promise.reject(Object.assign(new Error('cross-device link'), { code: 'EXDEV' }));
      },
    });
    const copied = objectKeyFor('1b'.repeat(32));
    await copying.putFile(copied, source, info);
    expect(refusals).toEqual([source]);
    expect((await stat(join(root, copied))).ino).not.toBe((await stat(source)).ino);
    expect((await buffer(await copying.get(copied))).equals(bytes)).toBe(true);

    // Any other failure is a failure (here: no such file), with nothing left behind.
    await expect(
      linking.putFile(objectKeyFor('1c'.repeat(32)), join(dir, 'missing'), info),
    ).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readdir(join(root, '.tmp'))).toEqual([]);
  });

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
