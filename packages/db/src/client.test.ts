import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './client.js';
import { migrateDatabase } from './migrate.js';
import { createTestDatabase, type TestDatabase } from './testing/index.js';

const backend = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

describe(`openDatabase (${backend})`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.cleanup());

  async function newConversation(): Promise<number> {
    const c = await t.db.prisma.conversation.create({
      data: { kind: 'group_fixed', title: 'counter' },
    });
    return c.id;
  }

  it('opens the backend TEST_DATABASE_URL asks for', () => {
    expect(t.db.kind).toBe(backend);
  });

  it('allocates sequence numbers with UPDATE … RETURNING in an interactive transaction', async () => {
    const id = await newConversation();
    const seq = await t.db.prisma.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ last_seq: bigint }[]>`
        UPDATE conversations SET last_seq = last_seq + 1 WHERE id = ${id} RETURNING last_seq`;
      return rows[0]?.last_seq;
    });
    expect(seq).toBe(1n);
  });

  it('gives 50 concurrent increments exactly 50 gapless sequence numbers', async () => {
    const id = await newConversation();
    const seqs = await Promise.all(
      Array.from({ length: 50 }, () =>
        t.db.prisma.$transaction(async (tx) => {
          const rows = await tx.$queryRaw<{ last_seq: bigint }[]>`
            UPDATE conversations SET last_seq = last_seq + 1 WHERE id = ${id} RETURNING last_seq`;
          // Yield mid-transaction so transactions would interleave if they could.
          await new Promise((resolve) => setTimeout(resolve, 1));
          return Number(rows[0]?.last_seq);
        }),
      ),
    );
    expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const row = await t.db.prisma.conversation.findUniqueOrThrow({ where: { id } });
    expect(row.lastSeq).toBe(50n);
  });

  it('runs one parameterised statement through the driver, atomically', async () => {
    const id = await newConversation();
    const rows = await t.db.query<{ last_seq: string; title: string }>(
      'UPDATE conversations SET last_seq = last_seq + $2 WHERE id = $1 RETURNING last_seq::text, title',
      [id, 3],
    );
    expect(rows).toEqual([{ last_seq: '3', title: 'counter' }]);
    // A statement that fails part-way changes nothing: 1/0 aborts after the UPDATE ran.
    await expect(
      t.db.query(
        'WITH u AS (UPDATE conversations SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq) SELECT 1 / (last_seq - last_seq) FROM u',
        [id],
      ),
    ).rejects.toThrow(/division by zero/);
    const row = await t.db.prisma.conversation.findUniqueOrThrow({ where: { id } });
    expect(row.lastSeq).toBe(3n);
  });

  it('rolls back an interactive transaction that throws, and stays usable', async () => {
    const id = await newConversation();
    await expect(
      t.db.prisma.$transaction(async (tx) => {
        await tx.conversation.update({ where: { id }, data: { lastSeq: { increment: 1 } } });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const row = await t.db.prisma.conversation.findUniqueOrThrow({ where: { id } });
    expect(row.lastSeq).toBe(0n);
  });

  it('rolls back after a failed statement inside a transaction', async () => {
    const id = await newConversation();
    await expect(
      t.db.prisma.$transaction(async (tx) => {
        await tx.conversation.update({ where: { id }, data: { title: 'changed' } });
        await tx.$executeRaw`INSERT INTO conversations (id, kind) VALUES (${id}, 'direct')`;
      }),
    ).rejects.toThrow();
    const row = await t.db.prisma.conversation.findUniqueOrThrow({ where: { id } });
    expect(row.title).toBe('counter');
  });

  it('reports unique violations as Prisma P2002', async () => {
    await t.db.prisma.user.create({ data: { login: 'dup', displayName: 'D', passwordHash: 'h' } });
    await expect(
      t.db.prisma.user.create({ data: { login: 'dup', displayName: 'D', passwordHash: 'h' } }),
    ).rejects.toMatchObject({ code: 'P2002' });
  });

  it('round-trips timestamps, bigints, arrays, uuids and json', async () => {
    const at = new Date('2026-03-04T05:06:07.089Z');
    const user = await t.db.prisma.user.create({
      data: { login: 'types', displayName: 'T', passwordHash: 'h', lockedUntil: at },
    });
    expect(user.lockedUntil?.toISOString()).toBe(at.toISOString());
    const conversationId = await newConversation();
    const clientMsgId = '0190f1d2-3c4b-7a5e-8f60-718293a4b5c6';
    const message = await t.db.prisma.message.create({
      data: {
        conversationId,
        seq: 9_007_199_254_740_993n,
        senderId: user.id,
        clientMsgId,
        mentions: [1, 2],
      },
    });
    expect(message).toMatchObject({ seq: 9_007_199_254_740_993n, clientMsgId, mentions: [1, 2] });
    await t.db.prisma.setting.create({ data: { key: 'k', value: { a: [1, 'b'] } } });
    expect((await t.db.prisma.setting.findUniqueOrThrow({ where: { key: 'k' } })).value).toEqual({
      a: [1, 'b'],
    });
  });

  it('stamps version with the writing transaction id, never below an earlier cursor', async () => {
    const [before] = await t.db.prisma.$queryRaw<{ cursor: bigint }[]>`
      SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS cursor`;
    const id = await newConversation();
    const created = await t.db.prisma.conversation.findUniqueOrThrow({ where: { id } });
    expect(created.version).toBeGreaterThanOrEqual(before?.cursor ?? Infinity);
    const updated = await t.db.prisma.conversation.update({
      where: { id },
      data: { title: 'renamed' },
    });
    expect(updated.version).toBeGreaterThan(created.version);
    // An explicit value is overwritten: clients cannot forge versions.
    const forged = await t.db.prisma.conversation.update({ where: { id }, data: { version: 1n } });
    expect(forged.version).toBeGreaterThan(updated.version);
  });

  it('runs multi-statement scripts and raw SQL transactions', async () => {
    await t.db.execSql('CREATE TABLE scratch (n int); INSERT INTO scratch VALUES (1), (2);');
    await expect(
      t.db.sqlTransaction(async (tx) => {
        await tx.exec('INSERT INTO scratch VALUES (3)');
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    const rows = await t.db.sqlTransaction((tx) =>
      tx.query<{ total: number }>('SELECT sum(n)::int AS total FROM scratch'),
    );
    expect(rows).toEqual([{ total: 3 }]);
  });
});

describe('openDatabase (pglite on disk)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-db-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the data directory and keeps data across reopen', async () => {
    const dataDir = join(dir, 'nested', 'db');
    const first = await openDatabase({ dataDir });
    expect(first.kind).toBe('pglite');
    await migrateDatabase(first);
    await first.prisma.department.create({ data: { name: 'Sales' } });
    await first.close();
    await first.close();

    const second = await openDatabase({ dataDir });
    expect(await migrateDatabase(second)).toEqual({ applied: [] });
    expect((await second.prisma.department.findMany()).map((d) => d.name)).toEqual(['Sales']);
    await second.close();
  });
});

describe('openDatabase (postgres url)', () => {
  it('fails fast when the server is unreachable', async () => {
    await expect(
      openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:1/none' }),
    ).rejects.toThrow();
  });
});

// Only a server runs transactions side by side (PGlite runs them one at a time); the test script
// runs this file against PostgreSQL too.
if (process.env.TEST_DATABASE_URL) {
  describe('sync cursors (postgres)', () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await createTestDatabase();
    });
    afterAll(() => t.cleanup());

    it('still return a row whose transaction commits after a later one', async () => {
      const [late, early] = await Promise.all(
        ['late', 'early'].map((title) =>
          t.db.prisma.conversation.create({ data: { kind: 'group_fixed', title } }),
        ),
      );
      if (!late || !early) throw new Error('setup failed');
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      let signalWritten = () => {};
      const written = new Promise<void>((resolve) => (signalWritten = resolve));
      // A slow writer: takes its transaction id first, commits last.
      const writer = t.db.sqlTransaction(async (tx) => {
        await tx.query(`UPDATE conversations SET title = 'late, renamed' WHERE id = $1`, [late.id]);
        signalWritten();
        await held;
      });
      await written;

      // A sync: rows and cursor from one snapshot, which cannot see the slow writer yet.
      const [sync] = await t.db.prisma.$queryRaw<{ cursor: bigint; title: string }[]>`
        SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS cursor,
               (SELECT title FROM conversations WHERE id = ${late.id}) AS title`;
      expect(sync?.title).toBe('late');

      const fast = await t.db.prisma.conversation.update({
        where: { id: early.id },
        data: { title: 'fast' },
      });
      release();
      await writer;
      const slow = await t.db.prisma.conversation.findUniqueOrThrow({ where: { id: late.id } });
      // The trap: the slow row's version is lower than one the client may already have seen…
      expect(slow.version).toBeLessThan(fast.version);
      // …yet the next sync from the cursor returns it.
      const changed = await t.db.prisma.conversation.findMany({
        where: { version: { gte: sync?.cursor ?? 0n } },
      });
      expect(changed.map((c) => c.title).sort()).toEqual(['fast', 'late, renamed']);
    });
  });
}
