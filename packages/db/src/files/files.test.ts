import { randomUUID } from 'node:crypto';

import { pb, ProtocolError } from '@parley/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createUser } from '../accounts/create-user.js';
import { createGroup } from '../messaging/create-group.js';
import { sendMessage } from '../messaging/send-message.js';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import {
  attachKnownObject,
  attachmentsOwnedBy,
  canSeeAttachment,
  findStoredObject,
  getAttachment,
  getStorageUsage,
  linkAttachmentsToMessage,
  listMessageAttachments,
  ownsContent,
  recordAttachment,
} from './index.js';
import type { StoredObjectInfo } from './types.js';

let t: TestDatabase;
let alice: number, bob: number, carol: number;
let group: number;

const object = (sha: string, size: number): StoredObjectInfo => ({
  sha256: sha.repeat(64).slice(0, 64),
  objectKey: `objects/${sha}`,
  size,
  mime: 'image/png',
  width: 10,
  height: 20,
  thumbnailKey: `thumbnails/${sha}`,
});

beforeAll(async () => {
  t = await createTestDatabase();
  const user = (login: string) =>
    createUser(t.db, { login, displayName: login, passwordHash: 'x' }).then((u) => u.id);
  [alice, bob, carol] = [await user('alice'), await user('bob'), await user('carol')];
  group = (
    await createGroup(t.db, {
      creatorId: alice,
      kind: 'group_temporary',
      title: 'files',
      memberIds: [bob],
    })
  ).state.conversation.id;
}, 120_000);
afterAll(() => t.cleanup());

/** Stores a message from `senderId` to the group and links attachments to it on its own. */
async function sendWith(senderId: number, attachmentIds: number[]) {
  const { message } = await sendMessage(t.db, {
    conversationId: group,
    senderId,
    clientMsgId: randomUUID(),
    body: 'see attached',
  });
  await linkAttachmentsToMessage(t.db.prisma, { messageId: message.id, senderId, attachmentIds });
  return message;
}

describe('stored objects and attachments', () => {
  it('stores identical content once, one attachment per upload', async () => {
    const first = await recordAttachment(t.db, {
      ownerId: alice,
      name: 'a.png',
      object: object('a', 100),
    });
    const second = await recordAttachment(t.db, {
      ownerId: bob,
      name: 'copy.png',
      object: { ...object('a', 100), objectKey: 'objects/other' },
    });
    expect(second.id).not.toBe(first.id);
    // The first writer's object row wins.
    expect(second.objectKey).toBe('objects/a');
    expect(await findStoredObject(t.db, object('a', 1).sha256)).toMatchObject({ size: 100 });
    expect(await getAttachment(t.db, first.id)).toMatchObject({
      ownerId: alice,
      name: 'a.png',
      width: 10,
      height: 20,
      mime: 'image/png',
    });
    expect(await getAttachment(t.db, 999_999)).toBeNull();
  });

  it('attaches known content by sha256 and size only', async () => {
    const sha = object('a', 1).sha256;
    expect(
      await attachKnownObject(t.db, { ownerId: carol, sha256: sha, size: 99, name: 'x' }),
    ).toBeNull();
    const hit = await attachKnownObject(t.db, {
      ownerId: carol,
      sha256: sha,
      size: 100,
      name: 'x',
    });
    expect(hit).toMatchObject({ ownerId: carol, name: 'x', size: 100 });
    expect(await ownsContent(t.db, carol, sha)).toBe(true);
  });

  it('counts each distinct content once towards usage', async () => {
    const before = await getStorageUsage(t.db, alice);
    await recordAttachment(t.db, { ownerId: alice, name: 'again.png', object: object('a', 100) });
    await recordAttachment(t.db, { ownerId: alice, name: 'b.png', object: object('b', 50) });
    expect(before).toEqual({ active: true, usedBytes: 100 });
    expect(await getStorageUsage(t.db, alice)).toEqual({ active: true, usedBytes: 150 });
    expect(await getStorageUsage(t.db, 424242)).toEqual({ active: false, usedBytes: 0 });
  });
});

describe('attachments in messages', () => {
  it('lets only the sender attach their own uploads, atomically', async () => {
    const mine = await recordAttachment(t.db, {
      ownerId: alice,
      name: 'm',
      object: object('c', 5),
    });
    const bobs = await recordAttachment(t.db, { ownerId: bob, name: 'b', object: object('d', 5) });
    expect(
      (await attachmentsOwnedBy(t.db, alice, [bobs.id, mine.id, mine.id, -1])).map((a) => a.id),
    ).toEqual([mine.id]);
    const err = await sendWith(alice, [mine.id, bobs.id]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProtocolError);
    expect((err as ProtocolError).code).toBe(pb.ErrorCode.ERROR_CODE_FORBIDDEN);
    const bad = await sendWith(alice, [0]).catch((e: unknown) => e);
    expect((bad as ProtocolError).code).toBe(pb.ErrorCode.ERROR_CODE_BAD_REQUEST);
  });

  it('shows an attachment to its owner and to members who can see the message', async () => {
    const a = await recordAttachment(t.db, { ownerId: alice, name: 'doc', object: object('e', 7) });
    const b = await recordAttachment(t.db, { ownerId: alice, name: 'img', object: object('f', 8) });
    expect(await canSeeAttachment(t.db, alice, a.id)).toBe(true);
    expect(await canSeeAttachment(t.db, bob, a.id)).toBe(false);

    const message = await sendWith(alice, [b.id, a.id]);
    expect(await canSeeAttachment(t.db, bob, a.id)).toBe(true);
    expect(await canSeeAttachment(t.db, carol, a.id)).toBe(false);
    const listed = await listMessageAttachments(t.db, [message.id, 123456]);
    expect(listed.get(message.id)?.map((x) => x.name)).toEqual(['img', 'doc']);
    expect(listed.has(123456)).toBe(false);

    // A member who leaves loses access.
    await t.db.execSql(
      `UPDATE members SET left_at = now() WHERE conversation_id = ${group} AND user_id = ${bob}`,
    );
    expect(await canSeeAttachment(t.db, bob, a.id)).toBe(false);
  });
});
