import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actualSchema, diffSchemas, expectedSchema } from './testing/schema-drift.js';
import { createTestDatabase, type TestDatabase } from './testing/index.js';

const schemaText = readFileSync(new URL('../../../prisma/schema.prisma', import.meta.url), 'utf8');

describe('schema.prisma and prisma/migrations', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.cleanup());

  it('describe the same database', async () => {
    const expected = expectedSchema(schemaText);
    // Guard against a vacuous pass: the model has 14 tables.
    expect(expected.filter((l) => l.startsWith('table '))).toHaveLength(14);
    expect(diffSchemas(expected, await actualSchema(t.db))).toEqual({
      missing: [],
      unexpected: [],
    });
  });

  it('reports schema.prisma changes that no migration made', async () => {
    const edited = schemaText
      .replace('login          String          @unique', 'login          String')
      .replace(
        '  muted          Boolean      @default(false)',
        '  muted          Boolean      @default(false)\n  archived Boolean @default(false)',
      );
    const diff = diffSchemas(expectedSchema(edited), await actualSchema(t.db));
    expect(diff).toEqual({
      missing: ['column members.archived boolean NOT NULL DEFAULT false'],
      unexpected: ['unique index users_login_key on users (login)'],
    });
  });

  it('has the hand-written version triggers on every synced table', async () => {
    const rows = await t.db.sqlTransaction((tx) =>
      tx.query<{ tables: string }>(
        `SELECT string_agg(c.relname, ', ' ORDER BY c.relname) AS tables
           FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid
           JOIN pg_proc p ON p.oid = tg.tgfoid
          WHERE p.proname = 'parley_set_version' AND NOT tg.tgisinternal`,
      ),
    );
    expect(rows).toEqual([{ tables: 'conversations, departments, members, messages, users' }]);
  });
});

describe('the drift check', () => {
  let t: TestDatabase;
  const expected = expectedSchema(schemaText);
  beforeAll(async () => {
    t = await createTestDatabase();
    await t.db.execSql(`
      DROP INDEX "messages_conversation_id_seq_key";
      ALTER TABLE "users" ADD COLUMN "nickname" TEXT;
      ALTER TABLE "members" ALTER COLUMN "muted" DROP NOT NULL;
      ALTER TABLE "departments" ALTER COLUMN "sort_order" SET DEFAULT 1;
      ALTER TYPE "MessageKind" ADD VALUE 'sticker';
      ALTER TABLE "messages" DROP CONSTRAINT "messages_sender_id_fkey";
      ALTER TABLE "messages" ADD CONSTRAINT "messages_sender_id_fkey" FOREIGN KEY ("sender_id")
        REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
      CREATE TABLE "stray" ("id" INTEGER PRIMARY KEY);
      CREATE INDEX "users_pinyin_idx" ON "users" ("pinyin");
    `);
  });
  afterAll(() => t.cleanup());

  it('reports every deliberate change to a migrated database', async () => {
    const diff = diffSchemas(expected, await actualSchema(t.db));
    expect(diff.missing.sort()).toEqual(
      [
        'unique index messages_conversation_id_seq_key on messages (conversation_id, seq)',
        'column members.muted boolean NOT NULL DEFAULT false',
        'column departments.sort_order integer NOT NULL DEFAULT 0',
        'enum MessageKind (text, image, file, voice, system)',
        'foreign key messages_sender_id_fkey on messages (sender_id) -> users (id) ON DELETE RESTRICT ON UPDATE CASCADE',
      ].sort(),
    );
    expect(diff.unexpected.sort()).toEqual(
      [
        'column users.nickname text',
        'column members.muted boolean DEFAULT false',
        'column departments.sort_order integer NOT NULL DEFAULT 1',
        'enum MessageKind (text, image, file, voice, system, sticker)',
        'foreign key messages_sender_id_fkey on messages (sender_id) -> users (id) ON DELETE CASCADE ON UPDATE CASCADE',
        'table stray',
        'column stray.id integer NOT NULL',
        'primary key stray_pkey on stray (id)',
        'index users_pinyin_idx on users (pinyin)',
      ].sort(),
    );
  });
});
