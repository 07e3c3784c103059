import { describe, expect, it } from 'vitest';

import { ProtocolError, pb } from '@parley/proto';

import { ulid } from '../ulid/ulid.js';
import { MAX_RETRY_DELAY_MS, Outbox, type OutboxHooks, type SendAck } from './outbox.js';
import {
  createMemoryOutboxStorage,
  createWebStorageOutboxStorage,
  type OutboxEntry,
  type WebStorageLike,
} from './outbox-storage.js';

function entry(conversationId = 1, text = 'hi'): OutboxEntry {
  return {
    clientMsgId: ulid(),
    conversationId,
    senderId: 7,
    text,
    kind: pb.MessageKind.MESSAGE_KIND_TEXT,
    createdAt: Date.now(),
    status: 'sending',
    attempts: 0,
  };
}

/**
 * Hooks around a transmit function; records what was sent, acked and failed. The server side
 * here is the idempotency rule itself: a client id seen before gets its first ack again.
 */
function harness(transmit?: (e: OutboxEntry, n: number) => Promise<SendAck> | undefined) {
  const sent: string[] = [];
  const acked: Array<[string, SendAck]> = [];
  const failed: Array<[string, ProtocolError]> = [];
  const stored = new Map<string, SendAck>();
  let seq = 0;
  let online = true;
  const hooks: OutboxHooks = {
    transmit: (e) => {
      sent.push(e.clientMsgId);
      const custom = transmit?.(e, sent.length);
      if (custom) return custom;
      const previous = stored.get(e.clientMsgId);
      if (previous) return Promise.resolve({ ...previous, duplicate: true });
      const ack = { messageId: 100 + seq, seq: ++seq, serverTime: Date.now(), duplicate: false };
      stored.set(e.clientMsgId, ack);
      return Promise.resolve(ack);
    },
    isOnline: () => online,
    delay: () => Promise.resolve(),
    onSent: (e, ack) => acked.push([e.clientMsgId, ack]),
    onFailed: (e, err) => failed.push([e.clientMsgId, err]),
  };
  return {
    hooks,
    sent,
    acked,
    failed,
    setOnline: (v: boolean) => {
      online = v;
    },
  };
}

const unavailable = () => new ProtocolError(pb.ErrorCode.ERROR_CODE_UNAVAILABLE, 'busy');

describe('Outbox', () => {
  it('sends in the order messages were written and forgets them after the ack', async () => {
    const h = harness();
    const storage = createMemoryOutboxStorage();
    const outbox = new Outbox(storage, h.hooks);
    const entries = [entry(), entry(), entry()];
    for (const e of entries) await outbox.add(e);
    await outbox.idle();
    expect(h.acked.map(([id]) => id)).toEqual(entries.map((e) => e.clientMsgId));
    expect(h.acked.map(([, ack]) => ack.seq)).toEqual([1, 2, 3]);
    expect(outbox.list()).toEqual([]);
    expect(await storage.load()).toEqual([]);
  });

  it('resolves settled() with the ack', async () => {
    const h = harness();
    const outbox = new Outbox(createMemoryOutboxStorage(), h.hooks);
    const e = entry();
    const settled = outbox.settled(e.clientMsgId);
    await outbox.add(e);
    expect((await settled).seq).toBe(1);
  });

  it('keeps messages while offline and sends them with the same id after reconnect', async () => {
    const h = harness();
    h.setOnline(false);
    const outbox = new Outbox(createMemoryOutboxStorage(), h.hooks);
    const e = entry();
    await outbox.add(e);
    await outbox.idle();
    expect(h.sent).toEqual([]);
    expect(outbox.get(e.clientMsgId)?.status).toBe('sending');
    h.setOnline(true);
    outbox.flush();
    await outbox.idle();
    expect(h.sent).toEqual([e.clientMsgId]);
    expect(h.acked).toHaveLength(1);
  });

  it('retries a lost ack with the same client id and gets the original seq back', async () => {
    const h = harness();
    // First attempt: the server stores the message but the answer is lost on the way back.
    const deliver = h.hooks.transmit;
    let first = true;
    h.hooks.transmit = async (e) => {
      const ack = await deliver(e);
      if (!first) return ack;
      first = false;
      throw unavailable();
    };
    const outbox = new Outbox(createMemoryOutboxStorage(), h.hooks);
    const e = entry();
    await outbox.add(e);
    await outbox.idle();
    expect(h.sent).toEqual([e.clientMsgId, e.clientMsgId]);
    expect(h.acked).toHaveLength(1);
    expect(h.acked[0]?.[1]).toMatchObject({ seq: 1, duplicate: true });
  });

  it('does not count failures caused by the connection dropping', async () => {
    const h = harness();
    const outbox = new Outbox(createMemoryOutboxStorage(), h.hooks);
    h.hooks.transmit = () => {
      h.setOnline(false);
      return Promise.reject(unavailable());
    };
    const e = entry();
    await outbox.add(e);
    await outbox.idle();
    expect(outbox.get(e.clientMsgId)).toMatchObject({ status: 'sending', attempts: 0 });
  });

  it('marks a message failed at once when the server refuses it for good', async () => {
    const h = harness(() =>
      Promise.reject(new ProtocolError(pb.ErrorCode.ERROR_CODE_FORBIDDEN, 'not a member')),
    );
    const outbox = new Outbox(createMemoryOutboxStorage(), h.hooks);
    const e = entry();
    const settled = outbox.settled(e.clientMsgId);
    await outbox.add(e);
    await expect(settled).rejects.toMatchObject({ code: pb.ErrorCode.ERROR_CODE_FORBIDDEN });
    expect(h.sent).toHaveLength(1);
    expect(outbox.get(e.clientMsgId)).toMatchObject({
      status: 'failed',
      error: { code: pb.ErrorCode.ERROR_CODE_FORBIDDEN },
    });
    expect(h.failed).toHaveLength(1);
  });

  it('marks a message failed after repeated internal errors, and retry() sends it again', async () => {
    let broken = true;
    const h = harness(() =>
      broken
        ? Promise.reject(new ProtocolError(pb.ErrorCode.ERROR_CODE_INTERNAL, 'oops'))
        : undefined,
    );
    const outbox = new Outbox(createMemoryOutboxStorage(), h.hooks, { maxAttempts: 3 });
    const e = entry();
    await outbox.add(e);
    await outbox.idle();
    expect(h.sent).toHaveLength(3);
    expect(outbox.get(e.clientMsgId)?.status).toBe('failed');
    broken = false;
    expect(await outbox.retry(e.clientMsgId)).toBe(true);
    await outbox.idle();
    expect(h.acked.map(([id]) => id)).toEqual([e.clientMsgId]);
    expect(new Set(h.sent)).toEqual(new Set([e.clientMsgId]));
  });

  it('never fails a message while the server is only unavailable or rate limiting', async () => {
    let failures = 0;
    const h = harness(() => {
      if (failures >= 20) return undefined;
      failures += 1;
      return Promise.reject(
        failures % 2 ? unavailable() : new ProtocolError(pb.ErrorCode.ERROR_CODE_RATE_LIMITED, 'x'),
      );
    });
    const outbox = new Outbox(createMemoryOutboxStorage(), h.hooks, { maxAttempts: 3 });
    const e = entry();
    await outbox.add(e);
    await outbox.idle();
    expect(h.failed).toHaveLength(0);
    expect(h.sent).toHaveLength(21);
    expect(h.acked.map(([id]) => id)).toEqual([e.clientMsgId]);
  });

  it('waits the retryAfterMs the server asks for', async () => {
    const waits: number[] = [];
    let first = true;
    const h = harness(() => {
      if (!first) return undefined;
      first = false;
      return Promise.reject(
        new ProtocolError(pb.ErrorCode.ERROR_CODE_RATE_LIMITED, 'slow down', {
          retryAfterMs: 1234,
        }),
      );
    });
    h.hooks.delay = (ms) => {
      waits.push(ms);
      return Promise.resolve();
    };
    const outbox = new Outbox(createMemoryOutboxStorage(), h.hooks);
    await outbox.add(entry());
    await outbox.idle();
    expect(waits).toEqual([1234]);
    expect(h.acked).toHaveLength(1);
  });

  it('doubles the pause per failed attempt up to a cap', async () => {
    const waits: number[] = [];
    let failures = 0;
    const h = harness(() => {
      if (failures >= 12) return undefined;
      failures += 1;
      return Promise.reject(new ProtocolError(pb.ErrorCode.ERROR_CODE_UNAVAILABLE, 'away'));
    });
    h.hooks.delay = (ms) => {
      waits.push(ms);
      return Promise.resolve();
    };
    const outbox = new Outbox(createMemoryOutboxStorage(), h.hooks, {
      maxAttempts: 100,
      retryDelayMs: 100,
    });
    await outbox.add(entry());
    await outbox.idle();
    expect(waits.slice(0, 4)).toEqual([100, 200, 400, 800]);
    expect(waits.at(-1)).toBe(MAX_RETRY_DELAY_MS);
    expect(h.acked).toHaveLength(1);
  });

  it('keeps going in one conversation past a failed message and runs conversations in parallel', async () => {
    const bad = entry(1, 'bad');
    const h = harness((e) =>
      e.clientMsgId === bad.clientMsgId
        ? Promise.reject(new ProtocolError(pb.ErrorCode.ERROR_CODE_TOO_LARGE, 'too long'))
        : undefined,
    );
    const outbox = new Outbox(createMemoryOutboxStorage(), h.hooks);
    const good = entry(1, 'good');
    const other = entry(2, 'other');
    await outbox.add(bad);
    await outbox.add(good);
    await outbox.add(other);
    await outbox.idle();
    expect(h.acked.map(([id]) => id).sort()).toEqual([good.clientMsgId, other.clientMsgId].sort());
    expect(outbox.list().map((e) => e.clientMsgId)).toEqual([bad.clientMsgId]);
  });

  it('discards a message for good', async () => {
    const h = harness(() =>
      Promise.reject(new ProtocolError(pb.ErrorCode.ERROR_CODE_FORBIDDEN, 'no')),
    );
    const storage = createMemoryOutboxStorage();
    const outbox = new Outbox(storage, h.hooks);
    const e = entry();
    outbox.settled(e.clientMsgId).catch(() => undefined);
    await outbox.add(e);
    await outbox.idle();
    expect(await outbox.discard(e.clientMsgId)).toBe(true);
    expect(outbox.list()).toEqual([]);
    expect(await storage.load()).toEqual([]);
    expect(await outbox.discard(e.clientMsgId)).toBe(false);
  });

  it('resends what an earlier run left behind (reload)', async () => {
    const storage = createMemoryOutboxStorage();
    const offline = harness();
    offline.setOnline(false);
    const before = new Outbox(storage, offline.hooks);
    const e = entry();
    await before.add(e);

    const after = harness();
    const outbox = new Outbox(storage, after.hooks);
    expect((await outbox.load()).map((x) => x.clientMsgId)).toEqual([e.clientMsgId]);
    outbox.flush();
    await outbox.idle();
    expect(after.sent).toEqual([e.clientMsgId]);
    expect(await storage.load()).toEqual([]);
  });
});

/** A Web Storage implementation over a Map, with the same string-only contract. */
function mapStorage(): WebStorageLike & { raw: Map<string, string> } {
  const raw = new Map<string, string>();
  return {
    raw,
    getItem: (k) => raw.get(k) ?? null,
    setItem: (k, v) => {
      raw.set(k, String(v));
    },
    removeItem: (k) => {
      raw.delete(k);
    },
  };
}

describe('createWebStorageOutboxStorage', () => {
  it('saves, updates and removes entries under one key', async () => {
    const web = mapStorage();
    const storage = createWebStorageOutboxStorage(web, 'parley.outbox.7');
    const a = entry();
    const b = entry();
    await storage.save(a);
    await storage.save(b);
    await storage.save({ ...a, status: 'failed', attempts: 2 });
    const loaded = await createWebStorageOutboxStorage(web, 'parley.outbox.7').load();
    expect(loaded.map((e) => [e.clientMsgId, e.status])).toEqual([
      [b.clientMsgId, 'sending'],
      [a.clientMsgId, 'failed'],
    ]);
    await storage.remove(a.clientMsgId);
    await storage.remove(b.clientMsgId);
    expect(web.raw.has('parley.outbox.7')).toBe(false);
  });

  it('survives a corrupt or foreign value', async () => {
    const web = mapStorage();
    web.setItem('k', '{not json');
    expect(await createWebStorageOutboxStorage(web, 'k').load()).toEqual([]);
    web.setItem('k', JSON.stringify([{ nope: true }, entry()]));
    expect(await createWebStorageOutboxStorage(web, 'k').load()).toHaveLength(1);
  });

  it('keeps users apart', async () => {
    const web = mapStorage();
    await createWebStorageOutboxStorage(web, 'parley.outbox.1').save(entry());
    expect(await createWebStorageOutboxStorage(web, 'parley.outbox.2').load()).toEqual([]);
  });
});
