import { createHash, randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createS3Storage } from '../storage/s3-storage.js';
import { createUploadAt, patch, startHarness, type Harness } from '../testing/harness.js';
import { startS3TestServer, type S3TestServer } from '../testing/s3-test-server.js';

// The file-server on S3, over the real S3 protocol (s3rver from npm, behind the harness's
// ListMultipartUploads shim): what a MinIO deployment runs.
const MiB = 1024 * 1024;
let s3: S3TestServer;
let h: Harness;
let alice: { id: number; auth: string };

const storage = (directDownloads: boolean) =>
  createS3Storage({
    endpoint: s3.endpoint,
    accessKey: s3.accessKey,
    secretKey: s3.secretKey,
    bucket: 'parley-files',
    partSize: 5 * MiB,
    directDownloads,
  });

beforeAll(async () => {
  s3 = await startS3TestServer();
  h = await startHarness({ maxFileBytes: 50 * MiB }, { storage: storage(false) });
  alice = await h.user('alice');
}, 120_000);
afterAll(async () => {
  await h.close();
  await s3.stop();
});

async function upload(bytes: Buffer, name: string, chunk = MiB) {
  const url = await createUploadAt(h, alice.auth, bytes.length, name);
  for (let offset = 0; offset < bytes.length; offset += chunk) {
    const res = await patch(url, alice.auth, offset, bytes.subarray(offset, offset + chunk));
    expect(res.status).toBe(204);
  }
  const res = await fetch(`${url}/attachment`, { headers: { authorization: alice.auth } });
  return (await res.json()) as Record<string, string | number | boolean>;
}

async function linkOf(id: string | number) {
  const res = await fetch(`${h.base}/v1/files/${id}/link`, {
    method: 'POST',
    headers: { authorization: alice.auth },
  });
  return (await res.json()) as { url: string; thumbnailUrl: string };
}

describe('file-server on S3', () => {
  it('stores a large upload in the bucket (multipart) and streams ranges back', async () => {
    const bytes = randomBytes(7 * MiB + 5);
    const attachment = await upload(bytes, 'video.bin');
    expect(s3.answeredListUploads).toBeGreaterThan(0);
    const sha = createHash('sha256').update(bytes).digest('hex');
    expect(await storage(false).stat(`objects/${sha.slice(0, 2)}/${sha}`)).toEqual({
      size: bytes.length,
    });
    // Only the finished object went to the store; the local part file is gone.
    expect((await readdir(join(h.dataDir, 'uploads'))).some((f) => f.endsWith('.part'))).toBe(
      false,
    );

    const { url } = await linkOf(String(attachment.id));
    const range = await fetch(url, { headers: { range: `bytes=${6 * MiB}-${6 * MiB + 99}` } });
    expect(range.status).toBe(206);
    const got = Buffer.from(await range.arrayBuffer());
    expect(got.equals(bytes.subarray(6 * MiB, 6 * MiB + 100))).toBe(true);
    const whole = Buffer.from(await (await fetch(url)).arrayBuffer());
    expect(createHash('sha256').update(whole).digest('hex')).toBe(sha);
  });

  it('keeps thumbnails in the bucket too', async () => {
    const png = await sharp({ create: { width: 64, height: 640, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    const attachment = await upload(png, 'tall.png');
    expect(attachment).toMatchObject({ width: 64, height: 640, hasThumbnail: true });
    const res = await fetch((await linkOf(String(attachment.id))).thumbnailUrl);
    const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
    expect([meta.width, meta.height]).toEqual([32, 320]);
  });

  it('redirects to a presigned bucket URL when direct downloads are on', async () => {
    const direct = await startHarness({}, { storage: storage(true) });
    try {
      const bob = await direct.user('bob');
      const bytes = Buffer.from('%PDF-1.4 direct');
      const url = await createUploadAt(direct, bob.auth, bytes.length, 'direct.pdf');
      await patch(url, bob.auth, 0, bytes);
      const att = (await (
        await fetch(`${url}/attachment`, { headers: { authorization: bob.auth } })
      ).json()) as { id: string };
      const link = (await (
        await fetch(`${direct.base}/v1/files/${att.id}/link`, {
          method: 'POST',
          headers: { authorization: bob.auth },
        })
      ).json()) as { url: string };
      const res = await fetch(link.url, { redirect: 'manual' });
      expect(res.status).toBe(302);
      const location = res.headers.get('location') ?? '';
      expect(location.startsWith(s3.endpoint)).toBe(true);
      const fromBucket = await fetch(location);
      expect(fromBucket.headers.get('content-type')).toBe('application/pdf');
      expect(await fromBucket.text()).toBe('%PDF-1.4 direct');
    } finally {
      await direct.close();
    }
  }, 60_000);
});
