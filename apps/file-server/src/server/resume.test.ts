import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { appendFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createUploadAt, patch, startHarness, tus, type Harness } from '../testing/harness.js';

let h: Harness;
let alice: { id: number; auth: string };

beforeAll(async () => {
  h = await startHarness();
  alice = await h.user('alice');
}, 120_000);
afterAll(() => h.close());

async function offsetOf(url: string): Promise<number> {
  const res = await fetch(url, { method: 'HEAD', headers: tus(alice.auth) });
  expect(res.status).toBe(200);
  return Number(res.headers.get('upload-offset'));
}

/**
 * Sends a PATCH that declares `declared` bytes, writes only `sent` of them and then drops the
 * connection, as a phone does when it walks into a lift.
 */
async function interruptedPatch(url: string, offset: number, bytes: Buffer, declared: number) {
  const target = new URL(url);
  await new Promise<void>((resolve) => {
    const req = request({
      host: target.hostname,
      port: target.port,
      path: target.pathname,
      method: 'PATCH',
      headers: {
        ...tus(alice.auth, {
          'upload-offset': String(offset),
          'content-type': 'application/offset+octet-stream',
        }),
        'content-length': String(declared),
      },
    });
    req.on('error', () => resolve());
    req.on('close', () => resolve());
    req.write(bytes, () => {
      // Give the server time to write what arrived, then cut the line.
      setTimeout(() => req.destroy(), 300);
    });
  });
}

/** Waits until the server has recorded the bytes of a dropped chunk. */
async function waitForOffset(url: string, atLeast: number) {
  for (let i = 0; i < 50; i++) {
    const offset = await offsetOf(url);
    if (offset >= atLeast) return offset;
    await new Promise((r) => setTimeout(r, 100));
  }
  return offsetOf(url);
}

async function sha256Of(url: string): Promise<string> {
  const res = await fetch(`${url}/attachment`, { headers: { authorization: alice.auth } });
  const attachment = (await res.json()) as { id: string };
  const row = await h.t.db.prisma.attachment.findUnique({ where: { id: BigInt(attachment.id) } });
  return row?.sha256 ?? '';
}

describe('resume', () => {
  it('keeps the bytes of a chunk cut off mid-way and continues after them (client side)', async () => {
    const bytes = randomBytes(2 * 1024 * 1024);
    const url = await createUploadAt(h, alice.auth, bytes.length);
    const sent = 1024 * 1024 + 17;
    await interruptedPatch(url, 0, bytes.subarray(0, sent), bytes.length);
    const offset = await waitForOffset(url, sent);
    // Every byte that arrived is kept: nothing is sent twice.
    expect(offset).toBe(sent);
    const res = await patch(url, alice.auth, offset, bytes.subarray(offset));
    expect(res.status).toBe(204);
    expect(res.headers.get('upload-offset')).toBe(String(bytes.length));
    expect(await sha256Of(url)).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('continues from the stored offset after the file-server restarts (server side)', async () => {
    const bytes = randomBytes(700_000);
    const url = await createUploadAt(h, alice.auth, bytes.length, 'restart.bin');
    expect((await patch(url, alice.auth, 0, bytes.subarray(0, 250_000))).status).toBe(204);
    expect((await patch(url, alice.auth, 250_000, bytes.subarray(250_000, 400_000))).status).toBe(
      204,
    );
    const id = url.split('/').pop() ?? '';

    await h.restart();
    const again = `${h.base}/v1/uploads/${id}`;
    expect(await offsetOf(again)).toBe(400_000);
    expect((await patch(again, alice.auth, 400_000, bytes.subarray(400_000))).status).toBe(204);
    // The running hash was lost with the process; it is rebuilt from disk, not guessed.
    expect(await sha256Of(again)).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(await readdir(join(h.dataDir, 'uploads'))).not.toContain(`${id}.part`);
  });

  it('drops unconfirmed bytes left behind by a crash before the offset was recorded', async () => {
    const bytes = randomBytes(5000);
    const url = await createUploadAt(h, alice.auth, bytes.length, 'crash.bin');
    await patch(url, alice.auth, 0, bytes.subarray(0, 1000));
    const id = url.split('/').pop() ?? '';
    const part = join(h.dataDir, 'uploads', `${id}.part`);
    // A crash after writing but before recording the offset leaves extra bytes on disk.
    await appendFile(part, Buffer.alloc(700, 0xee));
    await h.restart();
    const again = `${h.base}/v1/uploads/${id}`;
    expect(await offsetOf(again)).toBe(1000);
    await patch(again, alice.auth, 1000, bytes.subarray(1000));
    expect(await sha256Of(again)).toBe(createHash('sha256').update(bytes).digest('hex'));
    await expect(stat(part)).rejects.toThrow();
  });
});
