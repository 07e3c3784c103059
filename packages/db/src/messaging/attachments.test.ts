import { pb } from '@parley/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { getHistory } from './get-history.js';
import { openDirect } from './open-direct.js';
import { recallMessage } from './recall-message.js';
import { sendMessage } from './send-message.js';
import { syncConversations } from './sync-conversations.js';
import { insertTestUsers, newClientMsgId } from './test-users.js';

let t: TestDatabase;
let alice: number, bob: number;
let photo: number, bobsFile: number;
const C = pb.ErrorCode;

/** An upload by `ownerId` (the file-server makes these; here straight in SQL). */
async function upload(
  ownerId: number,
  name: string,
  mime: string,
  size: number,
  image: boolean,
): Promise<number> {
  const sha = (Math.random().toString(16).slice(2) + '0'.repeat(64)).slice(0, 64);
  await t.db.execSql(`
    INSERT INTO stored_objects (sha256, object_key, size, mime, width, height, thumbnail_key)
    VALUES ('${sha}', 'objects/${sha}', ${size}, '${mime}', ${image ? 640 : 'NULL'}, ${image ? 480 : 'NULL'},
            ${image ? `'thumbs/${sha}'` : 'NULL'});
    INSERT INTO attachments (owner_id, sha256, name) VALUES (${ownerId}, '${sha}', '${name}');`);
  const [row] = await t.db.prisma.$queryRawUnsafe<{ id: bigint }[]>(
    `SELECT id FROM attachments WHERE sha256 = '${sha}'`,
  );
  return Number(row?.id);
}

beforeAll(async () => {
  t = await createTestDatabase();
  [alice, bob] = (await insertTestUsers(t.db, 2)) as [number, number];
  photo = await upload(alice, 'beach.jpg', 'image/jpeg', 12345, true);
  bobsFile = await upload(bob, 'report.pdf', 'application/pdf', 999, false);
}, 120_000);
afterAll(() => t.cleanup());

describe('messages with attachments', () => {
  it('sends an image with a caption and shows it in history and sync', async () => {
    const id = (await openDirect(t.db, alice, bob, 0)).state.conversation.id;
    const sent = await sendMessage(t.db, {
      conversationId: id,
      senderId: alice,
      clientMsgId: newClientMsgId(),
      kind: 'image',
      body: 'look',
      attachmentIds: [photo],
    });
    const expected = {
      id: photo,
      name: 'beach.jpg',
      mime: 'image/jpeg',
      size: 12345,
      width: 640,
      height: 480,
      hasThumbnail: true,
    };
    expect(sent.message).toMatchObject({ kind: 'image', body: 'look', attachments: [expected] });
    const page = await getHistory(t.db, bob, { conversationId: id, afterSeq: 0, limit: 10 });
    expect(page.messages[0]?.attachments).toEqual([expected]);
    const sync = await syncConversations(t.db, bob, { cursor: 0, latest: 5 });
    expect(sync.conversations[0]?.latest[0]?.attachments).toEqual([expected]);

    // Recalled: the files go with the text.
    const recalled = await recallMessage(
      t.db,
      { userId: alice, isAdmin: false },
      { conversationId: id, seq: sent.message.seq, windowMs: 60_000 },
    );
    expect(recalled.message.attachments).toEqual([]);
  });

  it('refuses someone else’s upload without using a seq, and file kinds without files', async () => {
    const id = (await openDirect(t.db, alice, bob, 0)).state.conversation.id;
    const before =
      (await syncConversations(t.db, alice, { cursor: 0, latest: 0 })).conversations[0]
        ?.conversation.lastSeq ?? 0;
    await expect(
      sendMessage(t.db, {
        conversationId: id,
        senderId: alice,
        clientMsgId: newClientMsgId(),
        kind: 'file',
        body: '',
        attachmentIds: [bobsFile],
      }),
    ).rejects.toMatchObject({ code: C.ERROR_CODE_FORBIDDEN });
    await expect(
      sendMessage(t.db, {
        conversationId: id,
        senderId: alice,
        clientMsgId: newClientMsgId(),
        kind: 'file',
        body: '',
      }),
    ).rejects.toMatchObject({ code: C.ERROR_CODE_BAD_REQUEST });
    await expect(
      sendMessage(t.db, {
        conversationId: id,
        senderId: alice,
        clientMsgId: newClientMsgId(),
        body: 'x',
        attachmentIds: [photo],
      }),
    ).rejects.toMatchObject({ code: C.ERROR_CODE_BAD_REQUEST });
    const next = await sendMessage(t.db, {
      conversationId: id,
      senderId: bob,
      clientMsgId: newClientMsgId(),
      kind: 'file',
      body: '',
      attachmentIds: [bobsFile],
    });
    expect(next.message.seq).toBe(before + 1);
    expect(next.message.attachments.map((a) => a.name)).toEqual(['report.pdf']);
  });
});
