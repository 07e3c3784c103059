import { createHash, randomBytes } from 'node:crypto';

import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  createUploadAt,
  errorCode,
  metadata,
  patch,
  startHarness,
  tus,
  type Harness,
} from '../testing/harness.js';

const MAX = 1_000_000;
const QUOTA = 2_500_000;
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ maxFileBytes: MAX, userQuotaBytes: QUOTA });
}, 120_000);
afterAll(() => h.close());

const create = (auth: string, length: number, meta = metadata('f')) =>
  fetch(`${h.base}/v1/uploads`, {
    method: 'POST',
    headers: tus(auth, { 'upload-length': String(length), 'upload-metadata': meta }),
  });

async function attachment(url: string, auth: string) {
  const res = await fetch(`${url}/attachment`, { headers: { authorization: auth } });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

describe('limits, checked before bytes are accepted', () => {
  it('refuses a file over the per-file maximum at creation (413)', async () => {
    const { auth } = await h.user('big');
    const res = await create(auth, MAX + 1);
    expect(res.status).toBe(413);
    expect(await errorCode(res)).toBe('ERROR_CODE_TOO_LARGE');
    expect((await create(auth, MAX)).status).toBe(201);
  });

  it('counts stored files and unfinished uploads against the quota', async () => {
    const { auth } = await h.user('quota');
    const done = await createUploadAt(h, auth, MAX);
    expect((await patch(done, auth, 0, randomBytes(MAX))).status).toBe(204);
    expect((await create(auth, MAX)).status).toBe(201); // reserved, not yet sent
    const over = await create(auth, 600_000);
    expect(over.status).toBe(413);
    expect(((await over.json()) as { error: { message: string } }).error.message).toMatch(/quota/);
    expect((await create(auth, 500_000)).status).toBe(201);
    const usage = await fetch(`${h.base}/v1/files/usage`, { headers: { authorization: auth } });
    expect(await usage.json()).toEqual({
      usedBytes: String(QUOTA),
      quotaBytes: String(QUOTA),
      maxFileBytes: String(MAX),
    });
  });

  it('books parallel creations one at a time', async () => {
    const { auth } = await h.user('racer');
    const results = await Promise.all(Array.from({ length: 5 }, () => create(auth, 900_000)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 413, 413, 413]);
  });

  it('refuses a PATCH that would run past Upload-Length, before reading it (413)', async () => {
    const { auth } = await h.user('liar');
    const url = await createUploadAt(h, auth, 100);
    const res = await patch(url, auth, 0, new Uint8Array(101));
    expect(res.status).toBe(413);
    const head = await fetch(url, { method: 'HEAD', headers: tus(auth) });
    expect(head.headers.get('upload-offset')).toBe('0');
  });

  it('discards a chunked PATCH that turns out longer than declared', async () => {
    const { auth } = await h.user('chunked');
    const url = await createUploadAt(h, auth, 100);
    const res = await fetch(url, {
      method: 'PATCH',
      headers: tus(auth, {
        'upload-offset': '0',
        'content-type': 'application/offset+octet-stream',
      }),
      // A stream body has no Content-Length: the overrun shows only while reading.
      body: new ReadableStream({
        start(c) {
          c.enqueue(new Uint8Array(60));
          c.enqueue(new Uint8Array(60));
          c.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    const head = await fetch(url, { method: 'HEAD', headers: tus(auth) });
    expect(head.headers.get('upload-offset')).toBe('0');
  });

  it('leaves an upload whose client sent fewer bytes than declared unfinished', async () => {
    const { auth } = await h.user('short');
    const url = await createUploadAt(h, auth, 100);
    await patch(url, auth, 0, new Uint8Array(40));
    const res = await attachment(url, auth);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: { code: 'ERROR_CODE_CONFLICT' } });
  });
});

describe('bad input', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\boot.ini', 'boot.ini'],
    ['/', 'file'],
    ['a\u0000b.txt', 'a_b.txt'],
  ])('stores path-like name %j as %j and never as a path', async (raw, safe) => {
    const { auth } = await h.user(`n${createHash('md5').update(raw).digest('hex').slice(0, 8)}`);
    const res = await create(auth, 3, metadata(raw));
    const url = new URL(res.headers.get('location') ?? '', h.base).toString();
    await patch(url, auth, 0, Buffer.from('abc'));
    expect((await attachment(url, auth)).body.name).toBe(safe);
  });

  it('cuts a huge name to 255 bytes', async () => {
    const { auth } = await h.user('huge');
    const res = await create(auth, 1, metadata(`${'x'.repeat(3000)}.txt`));
    const url = new URL(res.headers.get('location') ?? '', h.base).toString();
    await patch(url, auth, 0, Buffer.from('a'));
    const { name } = (await attachment(url, auth)).body;
    expect(name).toHaveLength(255);
    expect(name?.endsWith('.txt')).toBe(true);
  });

  it('refuses an oversized metadata header', async () => {
    const { auth } = await h.user('meta');
    const res = await create(auth, 1, metadata('y'.repeat(5000)));
    expect(res.status).toBe(400);
  });

  it('sniffs the type from the bytes, whatever the client claims', async () => {
    const { auth } = await h.user('sniff');
    const png = await sharp({
      create: { width: 4, height: 4, channels: 3, background: '#f00' },
    })
      .png()
      .toBuffer();
    const cases: [string, Buffer, string][] = [
      [
        'claims-png.html',
        Buffer.from('<html><script>alert(1)</script>'),
        'application/octet-stream',
      ],
      ['no-extension', png, 'image/png'],
      ['file.exe', Buffer.from('%PDF-1.4 fake'), 'application/pdf'],
      ['unknown.dat', randomBytes(64), 'application/octet-stream'],
    ];
    for (const [name, bytes, expected] of cases) {
      const res = await create(auth, bytes.length, metadata(name, 'image/png'));
      const url = new URL(res.headers.get('location') ?? '', h.base).toString();
      expect((await patch(url, auth, 0, bytes)).status).toBe(204);
      expect((await attachment(url, auth)).body.mime).toBe(expected);
    }
  });

  it('refuses uploads by unknown users', async () => {
    const ghost = await h.user('ghost');
    await h.t.db.prisma.user.update({ where: { id: ghost.id }, data: { status: 'disabled' } });
    const res = await create(ghost.auth, 10);
    expect(res.status).toBe(403);
  });
});
