import type { Database } from '../client.js';
import { sendBatchStatement } from './send-batch-statement.js';
import { sendOneStatement, type PlainSend, type PlainSendStored } from './send-one-statement.js';

/**
 * Group commit for sends without attachments. Sends that arrive while earlier ones are being
 * stored wait and then go together, as ONE statement (one transaction, one WAL flush, one plan):
 * under load the database does far less work per message; with nothing in flight a send goes
 * alone at once (one statement, as before), so an idle server answers as fast as before.
 *
 * Sends to one conversation are stored in the order storePlainSend was called: at most one
 * batch per conversation is in flight, and a batch numbers its messages in call order. So a
 * caller may start the next send of a conversation before the previous one has committed.
 *
 * Durability is unchanged: each caller's promise settles only after the statement holding its
 * message has committed. A batch statement that fails stores nothing; its sends are then stored
 * one by one, so one bad send (e.g. a client_msg_id racing its own retry) fails only itself.
 */

/**
 * Most messages in one statement (bounds the statement's size, its lock set and how long one
 * batch holds its conversations). While one batch of a conversation is in flight the next waits
 * (call order), so with few busy conversations throughput is about MAX_BATCH per commit time:
 * 100 capped the messages bench near 2,500/s when commits took 50-150 ms on a loaded machine;
 * 500 keeps up there and costs PostgreSQL ~0.03-0.05 ms of CPU per message.
 */
const MAX_BATCH = 500;
/**
 * Statements in flight at once per database. PGlite runs one statement at a time anyway; on
 * PostgreSQL a few overlap the round trip of one batch with the work of the next, and the rest
 * of the pool stays free for other requests.
 */
const MAX_IN_FLIGHT: Record<Database['kind'], number> = { postgres: 4, pglite: 1 };

interface Pending {
  send: PlainSend;
  resolve(stored: PlainSendStored | null): void;
  reject(err: unknown): void;
}

interface Queue {
  waiting: Pending[];
  inFlight: number;
  scheduled: boolean;
  /** Conversations with a send in an in-flight batch: their next sends wait for it. */
  busy: Set<number>;
}

const queues = new WeakMap<Database, Queue>();

/**
 * Stores one message without attachments, batched with the sends in flight at the same time.
 * Same contract as {@link sendOneStatement}: the stored message and member ids, null when the
 * sender is not a current member (or the conversation does not exist), and the driver's
 * unique_violation for a client_msg_id the sender already used.
 */
export function storePlainSend(db: Database, send: PlainSend): Promise<PlainSendStored | null> {
  let queue = queues.get(db);
  if (!queue) {
    queue = { waiting: [], inFlight: 0, scheduled: false, busy: new Set() };
    queues.set(db, queue);
  }
  const q = queue;
  return new Promise((resolve, reject) => {
    q.waiting.push({ send, resolve, reject });
    schedule(db, q);
  });
}

/** Starts batches on the next turn of the event loop, so one turn's sends go together. */
function schedule(db: Database, q: Queue): void {
  if (q.scheduled || q.waiting.length === 0 || q.inFlight >= MAX_IN_FLIGHT[db.kind]) return;
  q.scheduled = true;
  setImmediate(() => {
    q.scheduled = false;
    while (q.waiting.length > 0 && q.inFlight < MAX_IN_FLIGHT[db.kind]) {
      const batch = take(q);
      if (batch.length === 0) break; // everything waiting is behind an in-flight batch
      const conversations = new Set(batch.map((p) => p.send.conversationId));
      for (const id of conversations) q.busy.add(id);
      q.inFlight++;
      void storeBatch(db, batch).finally(() => {
        for (const id of conversations) q.busy.delete(id);
        q.inFlight--;
        schedule(db, q);
      });
    }
  });
}

/**
 * Up to MAX_BATCH waiting sends, oldest first, keeping each conversation's sends in the order
 * they were made: a conversation with a batch in flight, or with an earlier send left waiting,
 * contributes nothing (seqs follow call order within a conversation). A second send with the
 * same (sender, client_msg_id) — a retry while the original still waits — stays for a later
 * batch, where it finds the original stored.
 */
function take(q: Queue): Pending[] {
  const batch: Pending[] = [];
  const keys = new Set<string>();
  const held = new Set(q.busy);
  const rest: Pending[] = [];
  for (const p of q.waiting) {
    const key = `${p.send.senderId}:${p.send.clientMsgId}`;
    if (batch.length >= MAX_BATCH || held.has(p.send.conversationId) || keys.has(key)) {
      held.add(p.send.conversationId);
      rest.push(p);
    } else {
      keys.add(key);
      batch.push(p);
    }
  }
  q.waiting = rest;
  return batch;
}

async function storeBatch(db: Database, batch: Pending[]): Promise<void> {
  if (batch.length === 1) {
    await storeAlone(db, batch);
    return;
  }
  let results: (PlainSendStored | null)[];
  try {
    results = await sendBatchStatement(
      db,
      batch.map((p) => p.send),
    );
  } catch {
    // Nothing of the batch was stored: each send on its own gets its own outcome.
    await storeAlone(db, batch);
    return;
  }
  const left: Pending[] = [];
  batch.forEach((p, i) => {
    const stored = results[i];
    if (stored) p.resolve(stored);
    else left.push(p); // not a member, or already stored: the single statement says which
  });
  if (left.length > 0) await storeAlone(db, left);
}

/**
 * Each send as its own statement: one conversation's sends one after another (keeping their
 * order), different conversations side by side.
 */
async function storeAlone(db: Database, sends: Pending[]): Promise<void> {
  const byConversation = new Map<number, Pending[]>();
  for (const p of sends) {
    const list = byConversation.get(p.send.conversationId);
    if (list) list.push(p);
    else byConversation.set(p.send.conversationId, [p]);
  }
  await Promise.all(
    [...byConversation.values()].map(async (list) => {
      for (const p of list) {
        try {
          p.resolve(await sendOneStatement(db, p.send));
        } catch (err) {
          p.reject(err);
        }
      }
    }),
  );
}
