import { createHash, randomBytes } from 'node:crypto';

import { createParleyClient, uploadFile, type ParleyClient } from '@parley/sdk';
import { afterEach, describe, expect, it } from 'vitest';

import { DEMO_PASSWORD, startShapedStack, type ShapedStack } from './shaped-stack.js';

// A tus upload across a 2G link that keeps getting cut: it must resume (same upload, from the
// server's offset) and the server must end up with exactly the bytes that were sent.
describe('weak networks: upload', () => {
  let stack: ShapedStack | undefined;
  let client: ParleyClient | undefined;

  afterEach(async () => {
    client?.close();
    await stack?.stop();
    stack = undefined;
  }, 30_000);

  const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

  it('completes a few hundred KB through resets by resuming, bytes intact', async () => {
    stack = await startShapedStack({ profile: '2G', seed: 11 });
    const s = stack;
    s.setProfile('2G', { resetRate: 0 });
    const alice = createParleyClient({ loginUrl: s.loginUrl });
    client = alice;
    await alice.signIn('alice', DEMO_PASSWORD);
    const { fileServerUrl } = await alice.api.discovery();
    expect(fileServerUrl).toBe(s.file.shaper.url);

    // The real profile from here on, and two resets mid-chunk for certain.
    s.setProfile('2G');
    const file = new Uint8Array(randomBytes(300_000));
    const urls = new Set<string>();
    const progress: number[] = [];
    const upload = uploadFile({
      fileServerUrl: fileServerUrl ?? '',
      token: () => alice.session?.accessToken ?? '',
      file,
      name: 'weak-network.bin',
      chunkSize: 100_000,
      checkFirst: false,
      retryDelays: [0, 300, 1_000, 2_000, 3_000],
      onProgress: (sent) => progress.push(sent),
    });
    const cutAt = [90_000, 210_000];
    let finished = false;
    void upload.done.finally(() => (finished = true)).catch(() => undefined);
    while (!finished) {
      if (upload.uploadUrl) urls.add(upload.uploadUrl);
      const next = cutAt[0];
      if (next !== undefined && s.file.shaper.stats().bytesUp >= next) {
        cutAt.shift();
        s.file.shaper.resetAll();
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    const attachment = await upload.done;

    expect(attachment.size).toBe(file.length);
    expect(cutAt).toEqual([]);
    expect(s.file.shaper.stats().resets).toBeGreaterThanOrEqual(2);
    // One upload, resumed: never a second one started from zero.
    expect([...urls]).toEqual([upload.uploadUrl]);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(file.length);

    // What the server stored, by its own hash and by downloading it past the shaper.
    const row = await s.db.prisma.attachment.findUnique({ where: { id: BigInt(attachment.id) } });
    expect(row?.sha256).toBe(sha256(file));
    const download = await fetch(`${s.file.direct}/v1/files/${attachment.id}`, {
      headers: { authorization: `Bearer ${alice.session?.accessToken ?? ''}` },
    });
    expect(download.status).toBe(200);
    expect(sha256(new Uint8Array(await download.arrayBuffer()))).toBe(sha256(file));
  }, 60_000);
});
