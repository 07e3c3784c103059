import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createUploadAt, patch, startHarness, type Harness } from '../testing/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 120_000);
afterAll(() => h.close());

/**
 * The value of the first series in GET /metrics that starts with `series` (a name, or a name
 * and its first labels), 0 when absent.
 */
async function metric(series: string): Promise<number> {
  const text = await (await fetch(`${h.base}/metrics`)).text();
  const line = text
    .split('\n')
    .find((l) => l.startsWith(series) && [' ', '{', ','].includes(l[series.length] ?? ''));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

describe('file-server metrics', () => {
  it('counts upload bytes, finished uploads and download bytes', async () => {
    const alice = await h.user('alice');
    const before = {
      upload: await metric('parley_upload_bytes_total'),
      done: await metric('parley_uploads_completed_total'),
      download: await metric('parley_download_bytes_total{variant="original"'),
    };
    const bytes = new Uint8Array(3000).map((_, i) => (i * 7) % 256);
    const url = await createUploadAt(h, alice.auth, bytes.length, 'data.bin');
    expect((await patch(url, alice.auth, 0, bytes.subarray(0, 1000))).status).toBe(204);
    // A chunk at the wrong offset is refused and not counted.
    expect((await patch(url, alice.auth, 0, bytes.subarray(0, 1000))).status).toBe(409);
    expect(await metric('parley_upload_bytes_total')).toBe(before.upload + 1000);
    expect(await metric('parley_uploads_completed_total')).toBe(before.done);

    const last = await patch(url, alice.auth, 1000, bytes.subarray(1000));
    expect(last.status).toBe(204);
    const attachmentId = last.headers.get('parley-attachment-id');
    expect(attachmentId).toMatch(/^\d+$/);
    expect(await metric('parley_upload_bytes_total')).toBe(before.upload + 3000);
    expect(await metric('parley_uploads_completed_total')).toBe(before.done + 1);
    expect(await metric('parley_upload_size_bytes_count')).toBe(1);

    const download = await fetch(`${h.base}/v1/files/${attachmentId}`, {
      headers: { authorization: alice.auth },
    });
    expect(download.status).toBe(200);
    expect((await download.arrayBuffer()).byteLength).toBe(3000);
    const ranged = await fetch(`${h.base}/v1/files/${attachmentId}`, {
      headers: { authorization: alice.auth, range: 'bytes=0-99' },
    });
    expect(ranged.status).toBe(206);
    await ranged.arrayBuffer();
    // Counted when each response has finished, a moment after the client has read it.
    await expect
      .poll(() => metric('parley_download_bytes_total{variant="original"'))
      .toBe(before.download + 3100);
  });

  it('answers /ready while the database is reachable', async () => {
    expect((await fetch(`${h.base}/ready`)).status).toBe(200);
    expect((await fetch(`${h.base}/health`)).status).toBe(200);
  });
});
