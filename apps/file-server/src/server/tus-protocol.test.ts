import { createHash, randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

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

let h: Harness;
let alice: { id: number; auth: string };
let bob: { id: number; auth: string };

beforeAll(async () => {
  h = await startHarness({ maxFileBytes: 10 * 1024 * 1024 });
  alice = await h.user('alice');
  bob = await h.user('bob');
}, 120_000);
afterAll(() => h.close());

async function attachmentOf(url: string, auth: string) {
  const res = await fetch(`${url}/attachment`, { headers: { authorization: auth } });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

describe('tus discovery', () => {
  it('describes itself on OPTIONS without authentication', async () => {
    const res = await fetch(`${h.base}/v1/uploads`, { method: 'OPTIONS' });
    expect(res.status).toBe(204);
    expect(res.headers.get('tus-resumable')).toBe('1.0.0');
    expect(res.headers.get('tus-version')).toBe('1.0.0');
    expect(res.headers.get('tus-extension')?.split(',')).toEqual(
      expect.arrayContaining(['creation', 'termination', 'expiration']),
    );
    expect(res.headers.get('tus-max-size')).toBe(String(10 * 1024 * 1024));
  });

  it('answers browser preflights for PATCH with the tus headers exposed', async () => {
    const res = await fetch(`${h.base}/v1/uploads/0123456789abcdef0123456789abcdef`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://app.example',
        'access-control-request-method': 'PATCH',
        'access-control-request-headers': 'authorization,tus-resumable,upload-offset,content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://app.example');
    expect(res.headers.get('access-control-allow-methods')).toMatch(/PATCH/);
    expect(res.headers.get('access-control-allow-headers')).toMatch(/upload-offset/);
    const head = await fetch(`${h.base}/health`, { headers: { origin: 'http://app.example' } });
    expect(head.headers.get('access-control-expose-headers')).toMatch(/Upload-Offset/);
    expect(head.headers.get('access-control-expose-headers')).toMatch(/Location/);
  });
});

describe('a whole upload', () => {
  it('creates, reports its offset, takes chunks, and becomes an attachment', async () => {
    const bytes = randomBytes(300_000);
    const create = await fetch(`${h.base}/v1/uploads`, {
      method: 'POST',
      headers: tus(alice.auth, {
        'upload-length': String(bytes.length),
        'upload-metadata': metadata('report.bin', 'text/html'),
      }),
    });
    expect(create.status).toBe(201);
    expect(create.headers.get('tus-resumable')).toBe('1.0.0');
    expect(create.headers.get('upload-expires')).toMatch(/GMT$/);
    const location = create.headers.get('location') ?? '';
    expect(location).toMatch(/^\/v1\/uploads\/[0-9a-f]{32}$/);
    const url = new URL(location, h.base).toString();

    const head = await fetch(url, { method: 'HEAD', headers: tus(alice.auth) });
    expect(head.status).toBe(200);
    expect(head.headers.get('upload-offset')).toBe('0');
    expect(head.headers.get('upload-length')).toBe(String(bytes.length));
    expect(head.headers.get('upload-metadata')).toBe(metadata('report.bin', 'text/html'));
    expect(head.headers.get('cache-control')).toBe('no-store');

    let offset = 0;
    for (const size of [100_000, 100_000, 100_000]) {
      const res = await patch(url, alice.auth, offset, bytes.subarray(offset, offset + size));
      expect(res.status).toBe(204);
      offset += size;
      expect(res.headers.get('upload-offset')).toBe(String(offset));
      if (offset < bytes.length) expect(res.headers.get('parley-attachment-id')).toBeNull();
      else expect(Number(res.headers.get('parley-attachment-id'))).toBeGreaterThan(0);
    }
    const attachment = await attachmentOf(url, alice.auth);
    // The client said text/html; the bytes are random: never trusted, sniffed.
    expect(attachment).toMatchObject({
      name: 'report.bin',
      mime: 'application/octet-stream',
      size: String(bytes.length),
    });
    const done = await fetch(url, { method: 'HEAD', headers: tus(alice.auth) });
    expect(done.headers.get('upload-offset')).toBe(String(bytes.length));
  });

  it('takes the first chunk with the creation request (creation-with-upload)', async () => {
    const res = await fetch(`${h.base}/v1/uploads`, {
      method: 'POST',
      headers: tus(alice.auth, {
        'upload-length': '10',
        'upload-metadata': metadata('x.txt'),
        'content-type': 'application/offset+octet-stream',
      }),
      body: new Uint8Array(6).fill(65),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('upload-offset')).toBe('6');
    const url = new URL(res.headers.get('location') ?? '', h.base).toString();
    const rest = await patch(url, alice.auth, 6, new Uint8Array(4).fill(66));
    expect(rest.headers.get('upload-offset')).toBe('10');
    expect(rest.headers.get('parley-attachment-id')).toMatch(/^\d+$/);
  });

  it('completes a zero-length upload at creation', async () => {
    const res = await fetch(`${h.base}/v1/uploads`, {
      method: 'POST',
      headers: tus(alice.auth, { 'upload-length': '0', 'upload-metadata': metadata('empty') }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('upload-offset')).toBe('0');
    expect(res.headers.get('parley-attachment-id')).toMatch(/^\d+$/);
    const url = new URL(res.headers.get('location') ?? '', h.base).toString();
    expect(await attachmentOf(url, alice.auth)).toMatchObject({
      name: 'empty',
      mime: 'application/octet-stream',
    });
    // An empty PATCH at the end is harmless.
    expect((await patch(url, alice.auth, 0, new Uint8Array())).status).toBe(204);
  });

  it('terminates an upload and forgets its bytes', async () => {
    const url = await createUploadAt(h, alice.auth, 100);
    expect((await patch(url, alice.auth, 0, new Uint8Array(50))).status).toBe(204);
    const del = await fetch(url, { method: 'DELETE', headers: tus(alice.auth) });
    expect(del.status).toBe(204);
    expect((await fetch(url, { method: 'HEAD', headers: tus(alice.auth) })).status).toBe(404);
    const id = url.split('/').pop() ?? '';
    const files = await readdir(join(h.dataDir, 'uploads'));
    expect(files.filter((f) => f.startsWith(id))).toEqual([]);
  });
});

describe('protocol errors', () => {
  it('requires Tus-Resumable 1.0.0 (412) and a token (401)', async () => {
    const noVersion = await fetch(`${h.base}/v1/uploads`, {
      method: 'POST',
      headers: { authorization: alice.auth, 'upload-length': '5' },
    });
    expect(noVersion.status).toBe(412);
    expect(noVersion.headers.get('tus-resumable')).toBe('1.0.0');
    const oldVersion = await fetch(`${h.base}/v1/uploads`, {
      method: 'POST',
      headers: tus(alice.auth, { 'tus-resumable': '0.2.2', 'upload-length': '5' }),
    });
    expect(oldVersion.status).toBe(412);
    const anonymous = await fetch(`${h.base}/v1/uploads`, {
      method: 'POST',
      headers: { 'tus-resumable': '1.0.0', 'upload-length': '5' },
    });
    expect(anonymous.status).toBe(401);
    expect(await errorCode(anonymous)).toBe('ERROR_CODE_UNAUTHENTICATED');
  });

  it.each([
    ['no Upload-Length', {}],
    ['a negative Upload-Length', { 'upload-length': '-1' }],
    ['a fractional Upload-Length', { 'upload-length': '1.5' }],
    ['an absurd Upload-Length', { 'upload-length': '99999999999999999999' }],
    ['Upload-Defer-Length', { 'upload-defer-length': '1' }],
    ['malformed metadata', { 'upload-length': '5', 'upload-metadata': 'filename not/base64!' }],
    ['duplicate metadata keys', { 'upload-length': '5', 'upload-metadata': 'a YQ==,a Yg==' }],
  ])('refuses a creation with %s (400)', async (_name, headers: Record<string, string>) => {
    const res = await fetch(`${h.base}/v1/uploads`, {
      method: 'POST',
      headers: tus(alice.auth, headers),
    });
    expect(res.status).toBe(400);
    expect(await errorCode(res)).toBe('ERROR_CODE_BAD_REQUEST');
  });

  it('answers a wrong offset with 409 and keeps the upload intact', async () => {
    const url = await createUploadAt(h, alice.auth, 10);
    expect((await patch(url, alice.auth, 0, new Uint8Array(4))).status).toBe(204);
    for (const offset of [0, 3, 5, 10]) {
      const res = await patch(url, alice.auth, offset, new Uint8Array(1));
      expect(res.status).toBe(409);
      expect(await errorCode(res)).toBe('ERROR_CODE_CONFLICT');
    }
    const head = await fetch(url, { method: 'HEAD', headers: tus(alice.auth) });
    expect(head.headers.get('upload-offset')).toBe('4');
    const bad = await fetch(url, {
      method: 'PATCH',
      headers: tus(alice.auth, {
        'upload-offset': 'four',
        'content-type': 'application/offset+octet-stream',
      }),
      body: new Uint8Array(1),
    });
    expect(bad.status).toBe(400);
  });

  it('refuses PATCH bodies of another type (415)', async () => {
    const url = await createUploadAt(h, alice.auth, 10);
    const res = await fetch(url, {
      method: 'PATCH',
      headers: tus(alice.auth, { 'upload-offset': '0', 'content-type': 'application/json' }),
      body: '{}',
    });
    expect(res.status).toBe(415);
  });

  it('hides uploads of other users (404) and unknown ids', async () => {
    const url = await createUploadAt(h, alice.auth, 10);
    expect((await fetch(url, { method: 'HEAD', headers: tus(bob.auth) })).status).toBe(404);
    expect((await patch(url, bob.auth, 0, new Uint8Array(10))).status).toBe(404);
    expect((await fetch(url, { method: 'DELETE', headers: tus(bob.auth) })).status).toBe(404);
    expect(
      (await fetch(`${url}/attachment`, { headers: { authorization: bob.auth } })).status,
    ).toBe(404);
    for (const id of ['nope', '..%2F..%2Fetc%2Fpasswd', '0123456789abcdef0123456789abcdef']) {
      const res = await fetch(`${h.base}/v1/uploads/${id}`, {
        method: 'HEAD',
        headers: tus(alice.auth),
      });
      expect(res.status).toBe(404);
    }
    // Untouched by bob's attempts.
    const head = await fetch(url, { method: 'HEAD', headers: tus(alice.auth) });
    expect(head.headers.get('upload-offset')).toBe('0');
  });

  it('refuses a second writer while a PATCH is in flight (409)', async () => {
    const url = await createUploadAt(h, alice.auth, 20);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(new Uint8Array(5));
        await gate;
        controller.enqueue(new Uint8Array(5));
        controller.close();
      },
    });
    const first = fetch(url, {
      method: 'PATCH',
      headers: tus(alice.auth, {
        'upload-offset': '0',
        'content-type': 'application/offset+octet-stream',
      }),
      body: slow,
      duplex: 'half',
    } as RequestInit);
    await new Promise((r) => setTimeout(r, 200));
    const second = await patch(url, alice.auth, 0, new Uint8Array(5));
    expect(second.status).toBe(409);
    release();
    const res = await first;
    expect(res.status).toBe(204);
    expect(res.headers.get('upload-offset')).toBe('10');
  });

  it('expires unfinished uploads (410 Gone) after their time', async () => {
    const url = await createUploadAt(h, alice.auth, 10);
    await patch(url, alice.auth, 0, new Uint8Array(3));
    h.clock.offset = 25 * 3600_000;
    try {
      const head = await fetch(url, { method: 'HEAD', headers: tus(alice.auth) });
      expect(head.status).toBe(410);
      expect((await fetch(url, { method: 'HEAD', headers: tus(alice.auth) })).status).toBe(404);
    } finally {
      h.clock.offset = 0;
    }
  });

  it('computes the sha256 over chunks (dedupe sees identical content)', async () => {
    const bytes = randomBytes(1000);
    const first = await createUploadAt(h, alice.auth, 1000, 'one');
    await patch(first, alice.auth, 0, bytes.subarray(0, 300));
    await patch(first, alice.auth, 300, bytes.subarray(300));
    const second = await createUploadAt(h, bob.auth, 1000, 'two');
    await patch(second, bob.auth, 0, bytes);
    const a = await attachmentOf(first, alice.auth);
    const b = await attachmentOf(second, bob.auth);
    expect(a.id).not.toBe(b.id);
    const sha = createHash('sha256').update(bytes).digest('hex');
    const objects = await h.t.db.prisma.storedObject.findMany({ where: { sha256: sha } });
    expect(objects).toHaveLength(1);
  });
});
