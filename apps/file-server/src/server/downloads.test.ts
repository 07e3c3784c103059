import { createHash, randomBytes, randomUUID } from 'node:crypto';

import { createGroup, sendMessage } from '@parley/db';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { signLink } from '../downloads/link-signature.js';
import {
  createUploadAt,
  errorCode,
  LINK_SECRET,
  patch,
  startHarness,
  type Harness,
} from '../testing/harness.js';

type User = { id: number; auth: string };
type Link = { url: string; thumbnailUrl?: string; expiresAt: string; attachment: { id: string } };

let h: Harness;
let alice: User, bob: User, carol: User;
let png: Buffer;
let image: Record<string, string | boolean>;
let blob: Buffer;
let blobId: number;

/** Uploads `bytes` as `owner` and returns the attachment (proto3 JSON). */
async function upload(owner: User, bytes: Buffer, name: string) {
  const url = await createUploadAt(h, owner.auth, bytes.length, name);
  expect((await patch(url, owner.auth, 0, bytes)).status).toBe(204);
  const res = await fetch(`${url}/attachment`, { headers: { authorization: owner.auth } });
  return (await res.json()) as Record<string, string | boolean>;
}

async function link(user: User, id: number | string) {
  return fetch(`${h.base}/v1/files/${id}/link`, {
    method: 'POST',
    headers: { authorization: user.auth },
  });
}

async function linkOf(user: User, id: number | string): Promise<Link> {
  const res = await link(user, id);
  expect(res.status).toBe(200);
  return (await res.json()) as Link;
}

beforeAll(async () => {
  h = await startHarness({ linkTtlSeconds: 300 });
  [alice, bob, carol] = [await h.user('alice'), await h.user('bob'), await h.user('carol')];
  png = await sharp({
    create: { width: 1000, height: 500, channels: 3, background: { r: 10, g: 200, b: 30 } },
  })
    .png()
    .toBuffer();
  image = await upload(alice, png, 'holiday.png');
  blob = randomBytes(100_000);
  blobId = Number((await upload(alice, blob, 'data.zip')).id);

  // Alice shares the image (not the blob) with Bob in a group; Carol is not in it.
  const group = await createGroup(h.t.db, {
    creatorId: alice.id,
    kind: 'group_temporary',
    title: 'trip',
    memberIds: [bob.id],
  });
  await sendMessage(h.t.db, {
    conversationId: group.state.conversation.id,
    senderId: alice.id,
    clientMsgId: randomUUID(),
    body: '',
    kind: 'image',
    attachmentIds: [Number(image.id)],
  });
}, 120_000);
afterAll(() => h.close());

describe('images', () => {
  it('records dimensions and makes a thumbnail that fits 320 px', async () => {
    expect(image).toMatchObject({
      name: 'holiday.png',
      mime: 'image/png',
      width: 1000,
      height: 500,
      hasThumbnail: true,
    });
    const { thumbnailUrl } = await linkOf(alice, String(image.id));
    const res = await fetch(thumbnailUrl ?? '');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/webp');
    const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 320, 160]);
  });

  it('has no thumbnail for other files', async () => {
    const { thumbnailUrl } = await linkOf(alice, blobId);
    expect(thumbnailUrl ?? '').toBe('');
    const res = await fetch(`${h.base}/v1/files/${blobId}/thumbnail`, {
      headers: { authorization: alice.auth },
    });
    expect(res.status).toBe(404);
  });
});

describe('download authorisation', () => {
  it('gives the uploader and conversation members a link to the original', async () => {
    for (const user of [alice, bob]) {
      const { url, expiresAt, attachment } = await linkOf(user, String(image.id));
      expect(attachment.id).toBe(image.id);
      expect(Number(expiresAt)).toBeGreaterThan(Date.now());
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-disposition')).toBe(
        `inline; filename="holiday.png"; filename*=UTF-8''holiday.png`,
      );
      expect(Buffer.from(await res.arrayBuffer()).equals(png)).toBe(true);
    }
  });

  it('refuses non-members (403) and unknown attachments (404)', async () => {
    const res = await link(carol, String(image.id));
    expect(res.status).toBe(403);
    expect(await errorCode(res)).toBe('ERROR_CODE_FORBIDDEN');
    // Bob is a member where the image was shared, not where the blob was (nowhere).
    expect((await link(bob, blobId)).status).toBe(403);
    const direct = await fetch(`${h.base}/v1/files/${String(image.id)}`, {
      headers: { authorization: carol.auth },
    });
    expect(direct.status).toBe(403);
    expect((await link(alice, 987654)).status).toBe(404);
    expect((await link(alice, 'abc')).status).toBe(404);
    expect((await fetch(`${h.base}/v1/files/${blobId}`)).status).toBe(401);
  });

  it('serves a member with a Bearer token instead of a link', async () => {
    const res = await fetch(`${h.base}/v1/files/${String(image.id)}`, {
      headers: { authorization: bob.auth },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
  });

  it('rejects expired, tampered and misapplied links', async () => {
    const id = Number(image.id);
    const { url, thumbnailUrl } = await linkOf(bob, id);
    h.clock.offset = 301_000;
    try {
      const expired = await fetch(url);
      expect(expired.status).toBe(403);
      expect(((await expired.json()) as { error: { message: string } }).error.message).toMatch(
        /expired/,
      );
    } finally {
      h.clock.offset = 0;
    }
    const past = Date.now() - 1000;
    const signedButOld = `${h.base}/v1/files/${id}?exp=${past}&sig=${signLink(Buffer.from(LINK_SECRET), id, 'original', past)}`;
    expect((await fetch(signedButOld)).status).toBe(403);
    const u = new URL(url);
    u.searchParams.set('exp', String(Number(u.searchParams.get('exp')) + 3600_000));
    expect((await fetch(u)).status).toBe(403);
    // A thumbnail link does not open the original, nor another attachment.
    const thumb = new URL(thumbnailUrl ?? '');
    expect((await fetch(`${h.base}/v1/files/${id}${thumb.search}`)).status).toBe(403);
    expect((await fetch(`${h.base}/v1/files/${blobId}${new URL(url).search}`)).status).toBe(403);
  });
});

describe('range requests', () => {
  it('serves one byte range (206), suffixes, and 416 past the end', async () => {
    const { url } = await linkOf(alice, blobId);
    const full = await fetch(url);
    expect(full.headers.get('accept-ranges')).toBe('bytes');
    expect(full.headers.get('content-length')).toBe('100000');
    // Not an image or media type: downloads rather than renders.
    expect(full.headers.get('content-disposition')).toMatch(/^attachment; filename="data.zip"/);
    await full.arrayBuffer();

    const first = await fetch(url, { headers: { range: 'bytes=0-99' } });
    expect(first.status).toBe(206);
    expect(first.headers.get('content-range')).toBe('bytes 0-99/100000');
    expect(Buffer.from(await first.arrayBuffer()).equals(blob.subarray(0, 100))).toBe(true);

    const middle = await fetch(url, { headers: { range: 'bytes=50000-' } });
    expect(middle.headers.get('content-range')).toBe('bytes 50000-99999/100000');
    expect(Buffer.from(await middle.arrayBuffer()).equals(blob.subarray(50000))).toBe(true);

    const suffix = await fetch(url, { headers: { range: 'bytes=-10' } });
    expect(Buffer.from(await suffix.arrayBuffer()).equals(blob.subarray(-10))).toBe(true);

    const beyond = await fetch(url, { headers: { range: 'bytes=100000-' } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe('bytes */100000');

    const stale = await fetch(url, { headers: { range: 'bytes=0-9', 'if-range': '"other"' } });
    expect(stale.status).toBe(200);
    await stale.arrayBuffer();
  });

  it('answers HEAD with the headers only', async () => {
    const { url } = await linkOf(alice, blobId);
    const res = await fetch(url, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe('100000');
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  });
});

describe('dedupe', () => {
  const sha = () => createHash('sha256').update(png).digest('hex');
  const check = (user: User, body: object) =>
    fetch(`${h.base}/v1/files/check`, {
      method: 'POST',
      headers: { authorization: user.auth, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('stores identical bytes once and makes a re-send instant', async () => {
    const again = await upload(carol, png, 'same.png');
    expect(again.id).not.toBe(image.id);
    expect(await h.t.db.prisma.storedObject.count({ where: { sha256: sha() } })).toBe(1);

    const res = await check(carol, { sha256: sha(), size: png.length, name: '../copy.png' });
    expect(res.status).toBe(200);
    const { attachment } = (await res.json()) as { attachment: Record<string, unknown> };
    expect(attachment).toMatchObject({ name: 'copy.png', mime: 'image/png', width: 1000 });
    // Carol may open what she attached.
    expect((await link(carol, String(attachment.id))).status).toBe(200);
  });

  it('says nothing is known for other content or another size', async () => {
    expect(
      await (await check(carol, { sha256: 'ab'.repeat(32), size: 1, name: 'x' })).json(),
    ).toEqual({});
    expect(await (await check(carol, { sha256: sha(), size: 5, name: 'x' })).json()).toEqual({});
    const bad = await check(carol, { sha256: 'not-a-hash', size: 1, name: 'x' });
    expect(bad.status).toBe(400);
  });
});
