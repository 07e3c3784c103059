import { pb } from '@parley/proto';
import { describe, expect, it } from 'vitest';

import type { OutboxHooks } from '../outbox/outbox.js';
import { createMemoryOutboxFileStore } from '../outbox/outbox-file-store.js';
import { createMemoryOutboxStorage, type OutboxEntry } from '../outbox/outbox-storage.js';
import { ChatStore } from '../store/chat-store.js';
import { UserOutbox } from './user-outbox.js';

const entry = (clientMsgId: string): OutboxEntry => ({
  clientMsgId,
  conversationId: 1,
  senderId: 7,
  text: '',
  kind: pb.MessageKind.MESSAGE_KIND_FILE,
  createdAt: 1,
  status: 'failed',
  attempts: 0,
  attachments: [
    { id: 0, name: 'a.bin', mime: 'x', size: 1, width: 0, height: 0, hasThumbnail: false },
  ],
});

const hooks: OutboxHooks = {
  transmit: () => new Promise(() => undefined),
  isOnline: () => false,
  delay: () => Promise.resolve(),
  onSent: () => undefined,
  onFailed: () => undefined,
};

describe('UserOutbox', () => {
  it("loads the user's entries into the state and drops kept files no entry needs", async () => {
    const storage = createMemoryOutboxStorage();
    await storage.save(entry('01KEEP'));
    const files = createMemoryOutboxFileStore();
    await files.put('01KEEP', [new Uint8Array([1])]);
    await files.put('01SENT', [new Uint8Array([2])]); // its entry is gone: sent before a crash
    const store = new ChatStore();
    const outboxes = new UserOutbox(
      () => storage,
      hooks,
      {},
      store,
      () => files,
    );
    await outboxes.forUser(7);
    expect(outboxes.currentFiles).toBe(files);
    expect(store.messagesOf(1).map((m) => m.clientMsgId)).toEqual(['01KEEP']);
    await new Promise((r) => setTimeout(r, 10));
    expect(await files.keys()).toEqual(['01KEEP']);
    outboxes.reset();
    expect(outboxes.currentFiles).toBeUndefined();
  });
});
