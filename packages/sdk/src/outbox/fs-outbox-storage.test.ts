import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { pb } from '@parley/proto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { ulid } from '../ulid/ulid.js';
import { createFileOutboxStorage } from './fs-outbox-storage.js';
import { Outbox, type OutboxHooks } from './outbox.js';
import type { OutboxEntry } from './outbox-storage.js';

function entry(text: string): OutboxEntry {
  return {
    clientMsgId: ulid(),
    conversationId: 3,
    senderId: 7,
    text,
    kind: pb.MessageKind.MESSAGE_KIND_FILE,
    createdAt: Date.now(),
    status: 'sending',
    attempts: 0,
    attachments: [
      {
        id: 0,
        name: 'report.pdf',
        mime: 'application/pdf',
        size: 10,
        width: 0,
        height: 0,
        hasThumbnail: false,
        uploadUrl: 'http://files.test/v1/uploads/u1',
      },
    ],
  };
}

describe('createFileOutboxStorage', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-outbox-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps entries across instances (a restart) and deletes the file when empty', async () => {
    const path = join(dir, 'nested', 'outbox-7.json');
    const storage = createFileOutboxStorage(path);
    const a = entry('a');
    const b = entry('b');
    // Not awaited one by one: writes must still land in call order.
    await Promise.all([storage.save(a), storage.save(b), storage.save({ ...a, attempts: 2 })]);
    const reopened = await createFileOutboxStorage(path).load();
    expect(reopened.map((e) => [e.text, e.attempts])).toEqual([
      ['a', 2],
      ['b', 0],
    ]);
    expect(reopened[0]?.attachments?.[0]?.uploadUrl).toBe('http://files.test/v1/uploads/u1');
    await storage.remove(a.clientMsgId);
    await storage.remove(b.clientMsgId);
    await expect(readFile(path, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await createFileOutboxStorage(path).load()).toEqual([]);
  });

  it('reads a corrupt file as empty and drops entries that are not entries', async () => {
    const path = join(dir, 'outbox.json');
    await writeFile(path, '{not json');
    expect(await createFileOutboxStorage(path).load()).toEqual([]);
    await writeFile(path, JSON.stringify([{ clientMsgId: 1 }, entry('ok')]));
    expect((await createFileOutboxStorage(path).load()).map((e) => e.text)).toEqual(['ok']);
  });

  it('lets an Outbox send after a restart what an earlier run left unsent', async () => {
    const path = join(dir, 'outbox.json');
    let online = false;
    const sent: string[] = [];
    const hooks: OutboxHooks = {
      transmit: (e) => {
        sent.push(e.text);
        return Promise.resolve({ messageId: 1, seq: sent.length, serverTime: 1, duplicate: false });
      },
      isOnline: () => online,
      delay: () => Promise.resolve(),
      onSent: () => undefined,
      onFailed: () => undefined,
    };
    await new Outbox(createFileOutboxStorage(path), hooks).add(entry('offline'));
    online = true;
    const restarted = new Outbox(createFileOutboxStorage(path), hooks);
    expect((await restarted.load()).map((e) => e.text)).toEqual(['offline']);
    restarted.flush();
    await restarted.idle();
    expect(sent).toEqual(['offline']);
    expect(await createFileOutboxStorage(path).load()).toEqual([]);
  });
});
