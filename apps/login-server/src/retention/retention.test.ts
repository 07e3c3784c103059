import {
  SETTING_RETENTION_DAYS,
  acquireRetentionLease,
  createGroup,
  releaseRetentionLease,
  sendMessage,
  setSetting,
} from '@parley/db';
import { silentLogger } from '@parley/server-kit';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { signInRoot } from '../testing/admin-client.js';
import { startTestLoginServer, type TestLoginServer } from '../testing/start-test-login-server.js';

import { runRetention } from './run-retention.js';

const DAY = 86_400_000;
let s: TestLoginServer | undefined;
afterEach(async () => {
  await s?.stop();
  s = undefined;
});

/** A group with `old` messages from 40 days ago and `fresh` ones from now; returns its id. */
async function seedMessages(server: TestLoginServer, old: number, fresh: number): Promise<number> {
  const owner = await server.addUser(
    `owner${Math.random().toString(36).slice(2, 7)}`,
    'long-enough',
  );
  const { state } = await createGroup(server.db, {
    creatorId: owner.id,
    kind: 'group_temporary',
    title: 'Chat',
    memberIds: [],
  });
  const id = state.conversation.id;
  for (let i = 0; i < old + fresh - 1; i++) {
    await sendMessage(server.db, {
      conversationId: id,
      senderId: owner.id,
      clientMsgId: crypto.randomUUID(),
      body: `m${i}`,
    });
  }
  await server.db.prisma.message.updateMany({
    where: { conversationId: id, seq: { lte: old } },
    data: { createdAt: new Date(Date.now() - 40 * DAY) },
  });
  return id;
}

describe('message retention', () => {
  it('the scheduled job started by createLoginServer deletes expired messages and audits the run', async () => {
    s = await startTestLoginServer({ retentionIntervalMs: 100 });
    const id = await seedMessages(s, 4, 3);
    await setSetting(s.db, SETTING_RETENTION_DAYS, 30);
    const db = s.db;
    await vi.waitFor(
      async () => {
        expect(await db.prisma.message.count({ where: { conversationId: id } })).toBe(3);
      },
      { timeout: 30_000, interval: 100 },
    );
    const entry = await vi.waitFor(
      async () => {
        const row = await db.prisma.auditLog.findFirst({ where: { action: 'retention.run' } });
        expect(row).not.toBeNull();
        return row;
      },
      { timeout: 30_000, interval: 100 },
    );
    expect(entry).toMatchObject({ actorId: null, targetType: 'messages' });
    expect(entry?.after).toMatchObject({ retentionDays: 30, deleted: 4 });
  });

  it('does nothing while retention is 0, and skips while another instance holds the lease', async () => {
    s = await startTestLoginServer({ retentionIntervalMs: 0 });
    await seedMessages(s, 2, 1);
    const deps = { db: s.db, logger: silentLogger(), now: Date.now };
    expect(await runRetention(deps, { holder: 'me' })).toEqual({
      deleted: 0,
      cutoff: 0,
      skipped: false,
    });
    expect(await s.db.prisma.message.count()).toBe(3);
    await setSetting(s.db, SETTING_RETENTION_DAYS, 30);
    expect(
      await acquireRetentionLease(s.db, { holder: 'other', now: Date.now(), ttlMs: 60_000 }),
    ).toBe(true);
    expect(await runRetention(deps, { holder: 'me' })).toMatchObject({ deleted: 0, skipped: true });
    expect(await s.db.prisma.message.count()).toBe(3);
    await releaseRetentionLease(s.db, 'other');
    const run = await runRetention(deps, { holder: 'me' });
    expect(run).toMatchObject({ deleted: 2, skipped: false });
    expect(run.cutoff).toBeLessThanOrEqual(Date.now() - 30 * DAY);
  });

  it('an admin can run it now over HTTP; the audit entry names them', async () => {
    s = await startTestLoginServer({ retentionIntervalMs: 0 });
    const { api, rootId } = await signInRoot(s);
    await seedMessages(s, 3, 2);
    await setSetting(s.db, SETTING_RETENTION_DAYS, 7);
    const run = await api.runRetention();
    expect([run.deletedMessages, run.skipped]).toEqual([3, false]);
    const [entry] = (await api.listAudit({ action: 'retention.run' })).entries;
    expect(entry).toMatchObject({ actorId: rootId, actorLogin: 'root' });
    expect(JSON.parse(entry?.afterJson ?? '')).toMatchObject({ retentionDays: 7, deleted: 3 });
  });
});
