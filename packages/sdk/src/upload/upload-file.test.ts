import { createHash } from 'node:crypto';

import type { ProtocolError } from '@parley/proto';
import { pb } from '@parley/proto';
import { describe, expect, it } from 'vitest';

import { FakeFileServer } from '../testing/fake-file-server.js';
import { UploadCancelledError } from './types.js';
import { uploadFile } from './upload-file.js';

function file(size: number): Uint8Array {
  return Uint8Array.from({ length: size }, (_, i) => (i * 7 + 3) % 251);
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('uploadFile', () => {
  it('uploads in confirmed chunks, reports progress and resolves with the attachment', async () => {
    const server = new FakeFileServer();
    const data = file(10_000);
    const progress: number[] = [];
    const upload = uploadFile({
      fileServerUrl: 'http://files.test/',
      token: 'tok',
      file: data,
      name: 'Grüße 报告.pdf',
      chunkSize: 3000,
      checkFirst: false,
      onProgress: (sent, total) => {
        expect(total).toBe(10_000);
        progress.push(sent);
      },
      fetch: server.fetch,
    });
    const attachment = await upload.done;
    expect(attachment).toMatchObject({ id: 42, name: 'Grüße 报告.pdf', size: 10_000 });
    expect(progress).toEqual([0, 3000, 6000, 9000, 10_000]);
    expect(upload.state).toBe('done');
    expect(upload.uploadUrl).toBe('http://files.test/v1/uploads/u1');
    expect(server.uploads.get('u1')?.bytes).toEqual(data);
    expect(new Set(server.tokens)).toEqual(new Set(['Bearer tok']));
  });

  it('without a chunk size, starts at 512 KiB and grows the chunks while they are confirmed fast', async () => {
    const server = new FakeFileServer();
    const data = new Uint8Array(6 * 1024 * 1024);
    for (let i = 0; i < data.length; i += 4096) data[i] = i % 251;
    const progress: number[] = [];
    const upload = uploadFile({
      fileServerUrl: 'http://files.test',
      token: 't',
      file: data,
      name: 'big.bin',
      checkFirst: false,
      onProgress: (sent) => progress.push(sent),
      fetch: server.fetch,
    });
    await upload.done;
    expect(Buffer.from(server.uploads.get('u1')?.bytes ?? []).equals(data)).toBe(true);
    const chunks = progress.slice(1).map((sent, i) => sent - (progress[i] ?? 0));
    expect(chunks[0]).toBe(512 * 1024);
    // In memory every chunk is confirmed in well under a second: each may be up to 4x the last
    // (512 KiB, 2 MiB, then the rest), where 512 KiB chunks would have taken 12.
    expect(chunks.length).toBeLessThan(12);
    expect(Math.max(...chunks)).toBeGreaterThan(512 * 1024);
  });

  it('uploads a Blob', async () => {
    const server = new FakeFileServer();
    const data = file(5000);
    const upload = uploadFile({
      fileServerUrl: 'http://files.test',
      token: 't',
      file: new Blob([data]),
      name: 'a.bin',
      chunkSize: 2048,
      checkFirst: false,
      fetch: server.fetch,
    });
    await upload.done;
    expect(server.uploads.get('u1')?.bytes).toEqual(data);
  });

  it('after a dropped connection asks for the offset and sends only what is missing', async () => {
    const server = new FakeFileServer();
    const data = file(8000);
    server.dropNextPatchAfter = 1234;
    const upload = uploadFile({
      fileServerUrl: 'http://files.test',
      token: 't',
      file: data,
      name: 'x',
      chunkSize: 4000,
      checkFirst: false,
      retryDelays: [0],
      fetch: server.fetch,
    });
    await upload.done;
    expect(server.uploads.get('u1')?.bytes).toEqual(data);
    expect(server.log).toEqual([
      'POST /v1/uploads',
      'PATCH /v1/uploads/u1',
      'HEAD /v1/uploads/u1',
      'PATCH /v1/uploads/u1',
      'PATCH /v1/uploads/u1',
      'GET /v1/uploads/u1/attachment',
    ]);
  });

  it('pauses (cutting the chunk in flight) and resumes from the server offset', async () => {
    const server = new FakeFileServer();
    server.hold = true;
    const data = file(6000);
    const upload = uploadFile({
      fileServerUrl: 'http://files.test',
      token: 't',
      file: data,
      name: 'x',
      chunkSize: 3000,
      checkFirst: false,
      fetch: server.fetch,
    });
    await settle();
    upload.pause();
    expect(upload.state).toBe('paused');
    await settle();
    const requests = server.log.length;
    await settle();
    expect(server.log.length).toBe(requests); // nothing while paused
    server.hold = false;
    upload.resume();
    await upload.done;
    expect(server.uploads.get('u1')?.bytes).toEqual(data);
    expect(server.count('HEAD /v1/uploads/u1')).toBe(1);
  });

  it('cuts a request that never gets an answer (a blackholed connection) and goes on', async () => {
    const server = new FakeFileServer();
    const data = file(6000);
    let blackholed = 0;
    // The first PATCH vanishes: no answer, no error, until the SDK gives up on it.
    const fetch: typeof server.fetch = (input, init = {}) => {
      if (init.method === 'PATCH' && blackholed === 0) {
        blackholed += 1;
        return new Promise((_, reject) => {
          init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
        });
      }
      return server.fetch(input, init);
    };
    const started = performance.now();
    const upload = uploadFile({
      fileServerUrl: 'http://files.test',
      token: 't',
      file: data,
      name: 'x',
      chunkSize: 3000,
      checkFirst: false,
      retryDelays: [0],
      timeoutMs: 100,
      minBytesPerSecond: 3_000_000, // +1 ms for a 3000-byte chunk
      fetch,
    });
    await upload.done;
    expect(blackholed).toBe(1);
    expect(performance.now() - started).toBeGreaterThanOrEqual(100);
    expect(server.uploads.get('u1')?.bytes).toEqual(data);
    expect(server.log).toEqual([
      'POST /v1/uploads',
      'HEAD /v1/uploads/u1',
      'PATCH /v1/uploads/u1',
      'PATCH /v1/uploads/u1',
      'GET /v1/uploads/u1/attachment',
    ]);
  });

  it('cancels: stops, deletes the upload on the server and rejects', async () => {
    const server = new FakeFileServer();
    server.hold = true;
    const upload = uploadFile({
      fileServerUrl: 'http://files.test',
      token: 't',
      file: file(6000),
      name: 'x',
      chunkSize: 3000,
      checkFirst: false,
      fetch: server.fetch,
    });
    await settle();
    await upload.cancel();
    await expect(upload.done).rejects.toBeInstanceOf(UploadCancelledError);
    expect(upload.state).toBe('cancelled');
    expect(server.uploads.size).toBe(0);
    expect(server.log.at(-1)).toBe('DELETE /v1/uploads/u1');
  });

  it('continues an earlier upload by URL, or starts over when the server lost it', async () => {
    const server = new FakeFileServer();
    const data = file(5000);
    const first = uploadFile({
      fileServerUrl: 'http://files.test',
      token: 't',
      file: data,
      name: 'x',
      chunkSize: 2000,
      checkFirst: false,
      fetch: server.fetch,
    });
    await settle();
    first.pause();
    const url = first.uploadUrl ?? '';
    const offset = server.uploads.get('u1')?.offset ?? 0;
    expect(offset).toBeGreaterThan(0);

    server.log.length = 0;
    const progress: number[] = [];
    const second = uploadFile({
      fileServerUrl: 'http://files.test',
      token: 't',
      file: data,
      name: 'x',
      chunkSize: 2000,
      uploadUrl: url,
      onProgress: (sent) => progress.push(sent),
      fetch: server.fetch,
    });
    await second.done;
    expect(server.log[0]).toBe('HEAD /v1/uploads/u1');
    expect(progress[0]).toBe(offset);
    expect(server.uploads.get('u1')?.bytes).toEqual(data);

    const third = uploadFile({
      fileServerUrl: 'http://files.test',
      token: 't',
      file: data,
      name: 'x',
      uploadUrl: 'http://files.test/v1/uploads/gone',
      checkFirst: false,
      fetch: server.fetch,
    });
    await third.done;
    expect(third.uploadUrl).toBe('http://files.test/v1/uploads/u2');
  });

  it('fails at once on errors a retry cannot fix, after its retries on the others', async () => {
    const server = new FakeFileServer();
    server.failCreate = 413;
    const tooBig = uploadFile({
      fileServerUrl: 'http://files.test',
      token: 't',
      file: file(10),
      name: 'x',
      checkFirst: false,
      fetch: server.fetch,
    });
    const err = await tooBig.done.catch((e: unknown) => e);
    expect((err as ProtocolError).code).toBe(pb.ErrorCode.ERROR_CODE_TOO_LARGE);
    expect(server.count('POST /v1/uploads')).toBe(1);
    expect(tooBig.state).toBe('failed');

    const offline = new FakeFileServer();
    offline.down = true;
    const lost = uploadFile({
      fileServerUrl: 'http://files.test',
      token: 't',
      file: file(10),
      name: 'x',
      checkFirst: false,
      retryDelays: [0, 5],
      fetch: offline.fetch,
    });
    const down = await lost.done.catch((e: unknown) => e);
    expect((down as ProtocolError).code).toBe(pb.ErrorCode.ERROR_CODE_UNAVAILABLE);
    expect(offline.count('POST /v1/uploads')).toBe(3);
  });

  it('asks a token function for a fresh token, also after a 401', async () => {
    const server = new FakeFileServer();
    server.unauthorized = 1;
    let n = 0;
    const upload = uploadFile({
      fileServerUrl: 'http://files.test',
      token: () => `t${++n}`,
      file: file(100),
      name: 'x',
      checkFirst: false,
      retryDelays: [0],
      fetch: server.fetch,
    });
    await upload.done;
    expect(server.tokens.slice(0, 2)).toEqual(['Bearer t1', 'Bearer t2']);
  });

  it('skips the upload when the server already has the bytes', async () => {
    const server = new FakeFileServer();
    const data = file(3000);
    const sha = createHash('sha256').update(data).digest('hex');
    server.known.set(`${sha}:3000`, { id: 7, name: 'again.png', mime: 'image/png', size: 3000 });
    const upload = uploadFile({
      fileServerUrl: 'http://files.test',
      token: 't',
      file: new Blob([data]),
      name: 'again.png',
      fetch: server.fetch,
    });
    expect(await upload.done).toMatchObject({ id: 7, mime: 'image/png', size: 3000 });
    expect(server.log).toEqual(['POST /v1/files/check']);
  });

  it('uploads an empty file', async () => {
    const server = new FakeFileServer();
    const upload = uploadFile({
      fileServerUrl: 'http://files.test',
      token: 't',
      file: new Uint8Array(),
      name: 'empty.txt',
      fetch: server.fetch,
    });
    expect(await upload.done).toMatchObject({ id: 99, size: 0 });
    expect(server.count('PATCH /v1/uploads/u1')).toBe(0);
  });
});
