import { createHash, randomBytes } from 'node:crypto';

import sharp from 'sharp';
import { Upload, type HttpResponse } from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startHarness, tus, type Harness } from '../testing/harness.js';

// The stock tus client, unmodified: if it uploads, so will Uppy and the other tus clients.
let h: Harness;
let alice: { id: number; auth: string };

beforeAll(async () => {
  h = await startHarness();
  alice = await h.user('alice');
}, 120_000);
afterAll(() => h.close());

function options(extra: Partial<ConstructorParameters<typeof Upload>[1]> = {}) {
  return {
    endpoint: `${h.base}/v1/uploads`,
    headers: { authorization: alice.auth },
    chunkSize: 256 * 1024,
    retryDelays: [0, 100, 500],
    metadata: { filename: 'photo.png', filetype: 'image/png' },
    ...extra,
  };
}

function run(upload: Upload): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    upload.options.onSuccess = ({ lastResponse }) => resolve(lastResponse);
    upload.options.onError = reject;
    upload.start();
  });
}

async function attachmentRow(response: HttpResponse) {
  const id = Number(response.getHeader('Parley-Attachment-Id'));
  expect(id).toBeGreaterThan(0);
  return h.t.db.prisma.attachment.findUnique({ where: { id }, include: { object: true } });
}

describe('tus-js-client 4.3.1', () => {
  it('uploads an image in chunks, and the server makes it an attachment', async () => {
    const png = await sharp({
      create: { width: 800, height: 600, channels: 4, background: '#3366ff80' },
    })
      .png({ compressionLevel: 0 })
      .toBuffer();
    const progress: number[] = [];
    const chunks: number[] = [];
    const upload = new Upload(
      png,
      options({
        onProgress: (sent) => progress.push(sent),
        onChunkComplete: (_size, accepted) => chunks.push(accepted),
      }),
    );
    const response = await run(upload);
    const row = await attachmentRow(response);
    expect(row?.name).toBe('photo.png');
    expect(row?.object).toMatchObject({
      mime: 'image/png',
      width: 800,
      height: 600,
      size: BigInt(png.length),
      sha256: createHash('sha256').update(png).digest('hex'),
    });
    expect(row?.object.thumbnailKey).toBeTruthy();
    // Each chunk was confirmed by the server before the next one went.
    expect(chunks.length).toBe(Math.ceil(png.length / (256 * 1024)));
    expect(chunks.at(-1)).toBe(png.length);
    expect(progress.at(-1)).toBe(png.length);
  });

  it('resumes an aborted upload from where the server says it stands', async () => {
    const bytes = randomBytes(3 * 1024 * 1024);
    let bytesSentBeforeAbort = 0;
    const first = new Upload(bytes, options({ metadata: { filename: 'big.bin' } }));
    await new Promise<void>((resolve, reject) => {
      first.options.onError = reject;
      first.options.onChunkComplete = (_size, accepted) => {
        if (accepted >= 1024 * 1024 && bytesSentBeforeAbort === 0) {
          bytesSentBeforeAbort = accepted;
          first.abort().then(resolve, reject);
        }
      };
      first.start();
    });
    const url = first.url ?? '';
    expect(url).toMatch(/\/v1\/uploads\/[0-9a-f]{32}$/);
    const head = await fetch(url, { method: 'HEAD', headers: tus(alice.auth) });
    const offset = Number(head.headers.get('upload-offset'));
    expect(offset).toBeGreaterThanOrEqual(bytesSentBeforeAbort);
    expect(offset).toBeLessThan(bytes.length);

    // A new client (say after an app restart) that knows only the upload URL.
    const resumedFrom: number[] = [];
    const second = new Upload(
      bytes,
      options({
        uploadUrl: url,
        metadata: { filename: 'big.bin' },
        onProgress: (sent) => resumedFrom.push(sent),
      }),
    );
    const response = await run(second);
    expect(resumedFrom[0]).toBeGreaterThanOrEqual(offset);
    const row = await attachmentRow(response);
    expect(row?.object.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('uploads with the data in the creation request, and terminates on abort(true)', async () => {
    const small = Buffer.from('%PDF-1.7\n'.padEnd(5000, 'x'));
    const response = await run(
      new Upload(
        small,
        options({ uploadDataDuringCreation: true, metadata: { filename: 'a.pdf' } }),
      ),
    );
    expect((await attachmentRow(response))?.object.mime).toBe('application/pdf');

    const doomed = new Upload(randomBytes(1024 * 1024), options({ chunkSize: 128 * 1024 }));
    await new Promise<void>((resolve, reject) => {
      doomed.options.onError = reject;
      doomed.options.onChunkComplete = () => {
        doomed.abort(true).then(resolve, reject);
        doomed.options.onChunkComplete = null;
      };
      doomed.start();
    });
    const gone = await fetch(doomed.url ?? '', { method: 'HEAD', headers: tus(alice.auth) });
    expect(gone.status).toBe(404);
  });
});
