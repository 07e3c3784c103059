import { getHistory, type Database } from '@parley/db';
import type { ChatMessage, ParleyClient } from '@parley/sdk';
import { expect } from 'vitest';

import { waitFor } from './msg-node.js';

/** A test's SDK client, named for messages. */
export interface NamedClient {
  name: string;
  userId: number;
  sdk: ParleyClient;
}

/** Every message `userId` may see in a conversation, read page by page from the database. */
export async function visibleHistory(db: Database, userId: number, conversationId: number) {
  const all = [];
  let after = 0;
  for (;;) {
    const page = await getHistory(db, userId, { conversationId, afterSeq: after, limit: 200 });
    all.push(...page.messages);
    const last = page.messages.at(-1);
    if (!last) return all;
    after = last.seq;
  }
}

/**
 * The end of a reliability run: each acked send is stored exactly once under its ack's seq and
 * id, and every client ends holding exactly the database's messages of each of its
 * conversations (seq order, no gaps, no duplicates, all sent). Waits up to 30 s for clients to
 * converge (gap repair after the last pushes may still be running).
 *
 * @example
 * await expectClientsMatchDatabase(world.db, clients, sent);
 */
export async function expectClientsMatchDatabase(
  db: Database,
  clients: readonly NamedClient[],
  sent: readonly ChatMessage[],
): Promise<void> {
  const truth = new Map<string, string[]>();
  for (const c of clients) {
    for (const view of c.sdk.getState().conversationList) {
      const rows = await visibleHistory(db, c.userId, view.id);
      truth.set(
        `${c.userId}/${view.id}`,
        rows.map((m) => `${m.seq}:${m.id}`),
      );
    }
  }
  for (const m of sent) {
    const rows = truth.get(`${m.senderId}/${m.conversationId}`) ?? [];
    expect(rows.filter((r) => r === `${m.seq}:${m.id}`)).toHaveLength(1);
  }
  const mismatches = () => {
    const problems: string[] = [];
    for (const c of clients) {
      for (const view of c.sdk.getState().conversationList) {
        const held = (c.sdk.getState().messages.get(view.id) ?? []).map(
          (m) => `${m.seq}:${m.id}:${m.status}`,
        );
        const want = (truth.get(`${c.userId}/${view.id}`) ?? []).map((r) => `${r}:sent`);
        if (held.join() !== want.join()) {
          problems.push(`${c.name} conv ${view.id}: ${held.length} held, ${want.length} in db`);
        }
      }
    }
    return problems;
  };
  await waitFor('clients converge', () => mismatches().length === 0, 30_000).catch(() => {
    expect(mismatches()).toEqual([]);
  });
}
