import { createHash, randomBytes } from 'node:crypto';

import { updateProfile } from '@parley/db';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { objectKeyFor } from '../storage/object-storage.js';
import {
  createUploadAt,
  errorCode,
  patch,
  startHarness,
  type Harness,
} from '../testing/harness.js';
import { avatarLinkExpiry } from './avatar-signature.js';

type User = { id: number; auth: string };
type Link = { url: string; thumbnailUrl: string; expiresAt: string };

let h: Harness;
let alice: User, bob: User, carol: User, dave: User;
let png: Buffer;

/** Uploads `bytes` as `owner`; returns the attachment id and sha256. */
async function upload(owner: User, bytes: Buffer, name: string) {
  const url = await createUploadAt(h, owner.auth, bytes.length, name);
  expect((await patch(url, owner.auth, 0, bytes)).status).toBe(204);
  const res = await fetch(`${url}/attachment`, { headers: { authorization: owner.auth } });
  return Number(((await res.json()) as { id: string }).id);
}

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${h.base}${path}`, { headers });

async function linkOf(viewer: User, userId: number): Promise<Link> {
  const res = await fetch(`${h.base}/v1/avatars/${userId}/link`, {
    method: 'POST',
    headers: { authorization: viewer.auth },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Link;
}

beforeAll(async () => {
  h = await startHarness({ linkTtlSeconds: 300 });
  alice = await h.user('alice');
  bob = await h.user('bob');
  carol = await h.user('carol');
  dave = await h.user('dave');
  png = await sharp({
    create: { width: 800, height: 600, channels: 3, background: { r: 200, g: 40, b: 90 } },
  })
    .png()
    .toBuffer();
  // Alice: her own upload by attachment id. Bob: someone else's upload. Carol: a non-image.
  await updateProfile(h.t.db, alice.id, {
    avatarKey: `attachments/${await upload(alice, png, 'me.png')}`,
  });
  await updateProfile(h.t.db, bob.id, {
    avatarKey: `attachments/${await upload(carol, png, 'not-bobs.png')}`,
  });
  await updateProfile(h.t.db, carol.id, {
    avatarKey: `attachments/${await upload(carol, randomBytes(500), 'x.bin')}`,
  });
}, 120_000);
afterAll(() => h.close());

describe('GET /v1/avatars/{userId}', () => {
  it('serves the avatar to any signed-in user, revalidated by ETag', async () => {
    const res = await get(`/v1/avatars/${alice.id}`, { authorization: bob.auth });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await res.arrayBuffer()).equals(png)).toBe(true);
    const etag = res.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    const again = await get(`/v1/avatars/${alice.id}`, {
      authorization: bob.auth,
      'if-none-match': etag,
    });
    expect(again.status).toBe(304);
    expect((await again.arrayBuffer()).byteLength).toBe(0);
  });

  it('serves a thumbnail-size variant', async () => {
    const res = await get(`/v1/avatars/${alice.id}/thumbnail`, { authorization: dave.auth });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/webp');
    const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
    expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBe(320);
    expect(res.headers.get('etag')).toMatch(/-thumbnail"$/);
  });

  it('accepts a stored object key the user owns', async () => {
    const sha = createHash('sha256').update(png).digest('hex');
    await updateProfile(h.t.db, dave.id, { avatarKey: objectKeyFor(sha) });
    // Dave never uploaded these bytes: not his to show.
    expect((await get(`/v1/avatars/${dave.id}`, { authorization: alice.auth })).status).toBe(404);
    await upload(dave, png, 'mine-too.png');
    const res = await get(`/v1/avatars/${dave.id}`, { authorization: alice.auth });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(png)).toBe(true);
  });

  it('answers 404 when there is no avatar to show and 401 without a token', async () => {
    const fresh = await h.user('erin');
    for (const path of [
      `/v1/avatars/${fresh.id}`, // none set
      `/v1/avatars/${bob.id}`, // someone else's upload
      `/v1/avatars/${carol.id}`, // not an image
      `/v1/avatars/999999`, // no such user
      `/v1/avatars/abc`,
      `/v1/avatars/0/thumbnail`,
    ]) {
      const res = await get(path, { authorization: alice.auth });
      expect(res.status, path).toBe(404);
      expect(await errorCode(res)).toBe('ERROR_CODE_NOT_FOUND');
    }
    const anonymous = await get(`/v1/avatars/${alice.id}`);
    expect(anonymous.status).toBe(401);
    const badToken = await get(`/v1/avatars/${alice.id}`, { authorization: 'Bearer nope' });
    expect(badToken.status).toBe(401);
  });
});

describe('POST /v1/avatars/{userId}/link', () => {
  it('hands out signed URLs that work without headers and are stable within a window', async () => {
    const link = await linkOf(bob, alice.id);
    const again = await linkOf(carol, alice.id);
    expect(again.url).toBe(link.url);
    expect(Number(link.expiresAt)).toBe(avatarLinkExpiry(Date.now(), 300_000));
    const original = await get(new URL(link.url).pathname + new URL(link.url).search);
    expect(original.status).toBe(200);
    expect(original.headers.get('content-type')).toBe('image/png');
    const maxAge = Number(/max-age=(\d+)/.exec(original.headers.get('cache-control') ?? '')?.[1]);
    expect(maxAge).toBeGreaterThanOrEqual(299);
    expect(maxAge).toBeLessThanOrEqual(600);
    expect(Buffer.from(await original.arrayBuffer()).equals(png)).toBe(true);
    const thumb = await fetch(link.thumbnailUrl);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
  });

  it('refuses a tampered, cross-variant or expired link, and users without an avatar', async () => {
    const link = await linkOf(bob, alice.id);
    const tampered = link.url.replace(/sig=./, (m) => (m.endsWith('A') ? 'sig=B' : 'sig=A'));
    expect((await fetch(tampered)).status).toBe(403);
    const sig = new URL(link.url).searchParams.get('sig') ?? '';
    const crossVariant = link.thumbnailUrl.replace(/sig=[^&]+/, `sig=${sig}`);
    expect((await fetch(crossVariant)).status).toBe(403);
    const otherUser = link.url.replace(`/avatars/${alice.id}?`, `/avatars/${bob.id}?`);
    expect((await fetch(otherUser)).status).toBe(403);
    h.clock.offset = 11 * 60_000;
    try {
      const expired = await fetch(link.url);
      expect(expired.status).toBe(403);
      expect(await errorCode(expired)).toBe('ERROR_CODE_FORBIDDEN');
    } finally {
      h.clock.offset = 0;
    }
    const none = await fetch(`${h.base}/v1/avatars/${bob.id}/link`, {
      method: 'POST',
      headers: { authorization: alice.auth },
    });
    expect(none.status).toBe(404);
    const anonymous = await fetch(`${h.base}/v1/avatars/${alice.id}/link`, { method: 'POST' });
    expect(anonymous.status).toBe(401);
  });
});
