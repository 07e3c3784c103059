import { pb } from '@parley/proto';
import { describe, expect, it } from 'vitest';

import { ackedMessage } from '../client/outbox-bridge.js';
import type { ClientEvents } from '../client/events.js';
import type { FetchLike } from '../http/login-api.js';
import { TypedEmitter } from '../events/typed-emitter.js';
import type { UploadProgress } from '../model/types.js';
import { Outbox, type OutboxHooks } from '../outbox/outbox.js';
import { createMemoryOutboxStorage, type OutboxStorage } from '../outbox/outbox-storage.js';
import { createMemoryOutboxFileStore, type OutboxFileStore } from '../outbox/outbox-file-store.js';
import { ChatStore } from '../store/chat-store.js';
import { FakeFileServer } from '../testing/fake-file-server.js';
import { AttachmentUploads } from './attachment-uploads.js';
import { FileAccess } from './file-access.js';
import { retryWithFiles, sendFiles, withProgress } from './send-files.js';

function bytesOf(size: number): Uint8Array {
  return Uint8Array.from({ length: size }, (_, i) => (i * 13 + 5) % 251);
}

/** An outbox whose "server" acks with the next seq and records the attachment ids it got. */
function setup(
  server: FakeFileServer,
  storage: OutboxStorage = createMemoryOutboxStorage(),
  fetch: FetchLike = server.fetch,
  fileStore?: OutboxFileStore,
) {
  const store = new ChatStore();
  const events = new TypedEmitter<ClientEvents>();
  const sentIds: number[][] = [];
  const progress: UploadProgress[] = [];
  const failures: string[] = [];
  let seq = 0;
  let outbox: Outbox | undefined = undefined;
  const files = new FileAccess({
    fileServerUrl: () => Promise.resolve('http://files.test'),
    accessToken: () => Promise.resolve('token'),
    fetch,
  });
  const uploads = new AttachmentUploads({
    files,
    outbox: () => outbox,
    ...(fileStore ? { fileStore: () => fileStore } : {}),
    chunkSize: 1000,
    showProgress: (entry, p) => {
      progress.push(p);
      store.addMessages(entry.conversationId, [withProgress(entry, p)]);
    },
  });
  const hooks: OutboxHooks = {
    transmit: (entry) => {
      sentIds.push((entry.attachments ?? []).map((a) => a.id));
      seq += 1;
      return Promise.resolve({ messageId: 100 + seq, seq, serverTime: 1, duplicate: false });
    },
    isOnline: () => true,
    delay: () => Promise.resolve(),
    onSent: (entry, ack) => store.addMessages(entry.conversationId, [ackedMessage(entry, ack)]),
    onFailed: (entry, err) => failures.push(`${entry.clientMsgId}: ${err.message}`),
  };
  outbox = new Outbox(storage, uploads.wrap(hooks), { maxAttempts: 2 });
  const ctx = { store, events, outbox };
  return { ctx, store, uploads, files, outbox, sentIds, progress, failures, storage };
}

/**
 * Sends a 3000-byte file whose upload is cut after its first chunk (the network hangs, the
 * page goes away); resolves with the persisted entry, as a reload finds it.
 */
async function sendThenCut(server: FakeFileServer, storage: OutboxStorage, kept?: OutboxFileStore) {
  const first = setup(
    server,
    storage,
    async (input, init) => {
      const response = await server.fetch(input, init);
      if (init?.method === 'PATCH') server.hold = true;
      return response;
    },
    kept,
  );
  void sendFiles(first.ctx, first.uploads, 7, 1, [{ file: bytesOf(3000), name: 'big.bin' }]);
  await new Promise((r) => setTimeout(r, 50));
  first.uploads.pause((await storage.load())[0]?.clientMsgId ?? '');
  server.hold = false;
  const [saved] = await storage.load();
  if (!saved) throw new Error('no entry saved');
  return saved;
}

/** After sendThenCut and a reload: the same upload continued from its offset, then the send. */
function expectResumedAndSent(server: FakeFileServer, sentIds: number[][]) {
  expect(server.log).toEqual([
    'HEAD /v1/uploads/u1',
    'PATCH /v1/uploads/u1',
    'PATCH /v1/uploads/u1',
    'GET /v1/uploads/u1/attachment',
  ]);
  expect(sentIds).toEqual([[42]]);
  expect(server.uploads.get('u1')?.bytes).toEqual(bytesOf(3000));
}

describe('sendFiles', () => {
  it('shows the message at once, uploads in chunks with progress, then sends the attachment id', async () => {
    const server = new FakeFileServer();
    const { ctx, store, uploads, sentIds, progress } = setup(server);
    const sending = sendFiles(ctx, uploads, 7, 1, [
      { file: bytesOf(2500), name: 'photo.png', mime: 'image/png', width: 40, height: 30 },
    ]);
    const pending = store.messagesOf(1)[0];
    expect(pending).toMatchObject({
      status: 'sending',
      kind: pb.MessageKind.MESSAGE_KIND_IMAGE,
      attachments: [{ id: 0, name: 'photo.png', mime: 'image/png', size: 2500, width: 40 }],
      upload: { sent: 0, total: 2500 },
    });
    const sent = await sending;
    expect(sentIds).toEqual([[42]]);
    expect(sent.attachments?.[0]).toMatchObject({ id: 42, name: 'photo.png', width: 40 });
    expect(progress.map((p) => p.sent)).toEqual([0, 1000, 2000, 2500, 2500]);
    expect(progress.at(-1)?.state).toBe('done');
    expect(server.uploads.get('u1')?.bytes).toEqual(bytesOf(2500));
    const shown = store.messagesOf(1);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ seq: 1, status: 'sent', attachments: [{ id: 42 }] });
    expect(shown[0]?.upload).toBeUndefined();
  });

  it('makes a file message of non-images and refuses an empty list', async () => {
    const server = new FakeFileServer();
    const { ctx, uploads } = setup(server);
    const sending = sendFiles(ctx, uploads, 7, 1, [
      { file: new Blob([bytesOf(10)], { type: 'application/pdf' }), name: 'a.pdf' },
    ]);
    expect(ctx.store.messagesOf(1)[0]?.attachments?.[0]).toMatchObject({
      mime: 'application/pdf',
      size: 10,
    });
    const sent = await sending;
    expect(sent.kind).toBe(pb.MessageKind.MESSAGE_KIND_FILE);
    expect(sent.attachments?.[0]).toMatchObject({ id: 42, name: 'a.pdf', size: 10 });
    await expect(sendFiles(ctx, uploads, 7, 1, [])).rejects.toMatchObject({
      code: pb.ErrorCode.ERROR_CODE_BAD_REQUEST,
    });
  });

  it('survives a reload: the entry keeps its tus URL and the upload continues from the server offset', async () => {
    const server = new FakeFileServer();
    const storage = createMemoryOutboxStorage();
    const saved = await sendThenCut(server, storage);
    expect(saved.attachments?.[0]).toMatchObject({
      id: 0,
      uploadUrl: 'http://files.test/v1/uploads/u1',
    });

    // After the reload the bytes are gone: the message fails with a clear reason.
    const second = setup(server, storage);
    await second.outbox.load();
    second.outbox.flush();
    await second.outbox.idle();
    expect(second.failures[0]).toContain('big.bin is no longer at hand');

    // Given the file again, only the missing part is sent, to the same upload.
    server.log.length = 0;
    const id = saved.clientMsgId;
    const settled = second.outbox.settled(id);
    expect(await retryWithFiles(second.ctx, second.uploads, id, [bytesOf(3000)])).toBe(true);
    await settled;
    expectResumedAndSent(server, second.sentIds);
    expect(await storage.load()).toEqual([]);
  });

  it('with a file store, continues an upload cut by a reload by itself, then drops the kept bytes', async () => {
    const server = new FakeFileServer();
    const storage = createMemoryOutboxStorage();
    const kept = createMemoryOutboxFileStore();
    const id = (await sendThenCut(server, storage, kept)).clientMsgId;
    expect(await kept.get(id)).toEqual([bytesOf(3000)]);

    // The reload: a new outbox over the same storage and file store, no file given again.
    server.log.length = 0;
    const second = setup(server, storage, server.fetch, kept);
    await second.outbox.load();
    const settled = second.outbox.settled(id);
    second.outbox.flush();
    await settled;
    expect(second.failures).toEqual([]);
    expectResumedAndSent(server, second.sentIds);
    await new Promise((r) => setTimeout(r, 10));
    expect(await kept.keys()).toEqual([]);
  });

  it('a failing file store only costs the reload: the bytes stay in memory and the send goes on', async () => {
    const server = new FakeFileServer();
    const broken: OutboxFileStore = {
      put: () => Promise.reject(new Error('QuotaExceededError')),
      get: () => Promise.reject(new Error('gone')),
      delete: () => Promise.reject(new Error('gone')),
      keys: () => Promise.reject(new Error('gone')),
    };
    const { ctx, uploads, sentIds } = setup(server, undefined, undefined, broken);
    const sent = await sendFiles(ctx, uploads, 7, 1, [{ file: bytesOf(1500), name: 'a.bin' }]);
    expect(sent.status).toBe('sent');
    expect(sentIds).toEqual([[42]]);
  });

  it('cancel stops the upload and deletes it on the server', async () => {
    const server = new FakeFileServer();
    server.hold = true;
    const { ctx, uploads, outbox, sentIds } = setup(server);
    const sending = sendFiles(ctx, uploads, 7, 1, [{ file: bytesOf(3000), name: 'x.bin' }]);
    await new Promise((r) => setTimeout(r, 50));
    const [entry] = outbox.list();
    // As client.discard(): out of the outbox first, so the pump does not retry it.
    await outbox.discard(entry?.clientMsgId ?? '');
    await uploads.cancel(entry?.clientMsgId ?? '');
    await expect(sending).rejects.toMatchObject({ code: pb.ErrorCode.ERROR_CODE_CONFLICT });
    await outbox.idle();
    expect(server.uploads.size).toBe(0);
    expect(sentIds).toEqual([]);
  });
});

describe('FileAccess', () => {
  it('reuses a link until shortly before it expires', async () => {
    const server = new FakeFileServer();
    server.linkTtlMs = 60_050;
    const { files } = setup(server);
    const [a, b] = await Promise.all([files.link(5), files.link(5)]);
    expect(a).toBe(b);
    expect(a.thumbnailUrl).toMatch(/^http:\/\/files\.test\/v1\/files\/5\/thumbnail\?exp=\d+$/);
    expect(server.count('POST /v1/files/5/link')).toBe(1);
    await new Promise((r) => setTimeout(r, 120));
    const c = await files.link(5);
    expect(c).not.toBe(a);
    expect(server.count('POST /v1/files/5/link')).toBe(2);
    expect((await files.avatarLink(9)).url).toMatch(/\/v1\/avatars\/9\?exp=/);
  });
});
