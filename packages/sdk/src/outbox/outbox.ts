/**
 * The outbox: unsent own messages, persisted, sent in order per conversation, each with the
 * client_msg_id made when the user wrote it (the server turns a repeat into the original ack,
 * so resending after a lost ack never duplicates a message).
 *
 * Per conversation one message is in flight at a time, so the server assigns seqs in the order
 * the user wrote; different conversations proceed in parallel.
 */
import { ProtocolError, pb } from '@parley/proto';

import { asProtocolError, isTransient } from '../errors/client-errors.js';
import type { OutboxEntry, OutboxStorage } from './outbox-storage.js';

/** The longest pause between two retries of one message, however many attempts failed. */
export const MAX_RETRY_DELAY_MS = 30_000;

/** The server's answer to a send. */
export interface SendAck {
  messageId: number;
  seq: number;
  serverTime: number;
  duplicate: boolean;
}

/** What the outbox needs from the connection and tells the client. */
export interface OutboxHooks {
  /** Sends one entry; resolves with the ack or rejects with a ProtocolError. */
  transmit(entry: OutboxEntry): Promise<SendAck>;
  /** Whether a connection is up; failures while offline do not count as attempts. */
  isOnline(): boolean;
  /** Waits before retrying a transient failure (backoff, or the server's retryAfterMs). */
  delay(ms: number): Promise<void>;
  onSent(entry: OutboxEntry, ack: SendAck): void;
  onFailed(entry: OutboxEntry, err: ProtocolError): void;
}

/** Tuning of retries while connected. */
export interface OutboxOptions {
  /**
   * INTERNAL failures (while connected) before a message is marked failed. Default 5.
   * UNAVAILABLE and RATE_LIMITED never fail a message: it is retried until the server takes it.
   */
  maxAttempts: number;
  /** Pause after a transient failure, doubled per attempt up to 30 s. Default 500 ms. */
  retryDelayMs: number;
}

/**
 * Unsent messages of one signed-in user.
 *
 * @example
 * const outbox = new Outbox(createMemoryOutboxStorage(), hooks);
 * await outbox.load();
 * await outbox.add(entry); // persisted, then sent when online
 * outbox.flush(); // after every reconnect
 */
export class Outbox {
  private readonly entries = new Map<string, OutboxEntry>();
  private readonly pumps = new Map<number, Promise<void>>();
  private readonly waiters = new Map<
    string,
    Array<(r: { ack?: SendAck; error?: ProtocolError }) => void>
  >();
  private readonly options: OutboxOptions;

  constructor(
    private readonly storage: OutboxStorage,
    private readonly hooks: OutboxHooks,
    options: Partial<OutboxOptions> = {},
  ) {
    this.options = { maxAttempts: 5, retryDelayMs: 500, ...options };
  }

  /** Reads what an earlier run left behind. Entries that were in flight are sent again. */
  async load(): Promise<OutboxEntry[]> {
    for (const entry of await this.storage.load()) this.entries.set(entry.clientMsgId, entry);
    return this.list();
  }

  /** Every entry, oldest first. */
  list(): OutboxEntry[] {
    return [...this.entries.values()].sort(byUlid);
  }

  get(clientMsgId: string): OutboxEntry | undefined {
    return this.entries.get(clientMsgId);
  }

  /** Persists a new message and starts sending it if online. */
  async add(entry: OutboxEntry): Promise<void> {
    this.entries.set(entry.clientMsgId, entry);
    await this.storage.save(entry);
    this.flush();
  }

  /**
   * Resolves when the entry is acknowledged; rejects when it is marked failed.
   *
   * @example
   * const ack = await outbox.settled(entry.clientMsgId);
   */
  settled(clientMsgId: string): Promise<SendAck> {
    return new Promise<SendAck>((resolve, reject) => {
      const list = this.waiters.get(clientMsgId) ?? [];
      list.push((r) => (r.ack ? resolve(r.ack) : reject(r.error)));
      this.waiters.set(clientMsgId, list);
    });
  }

  /**
   * Changes an entry in place and persists it (an upload recording its URL or attachment id);
   * a pump holding the entry sees the change. Returns false if there is no such entry.
   */
  async update(
    clientMsgId: string,
    patch: Pick<Partial<OutboxEntry>, 'attachments'>,
  ): Promise<boolean> {
    const entry = this.entries.get(clientMsgId);
    if (!entry) return false;
    Object.assign(entry, patch);
    await this.storage.save(entry);
    return true;
  }

  /** Puts a failed entry back in line, attempts reset. Returns false if there is no such entry. */
  async retry(clientMsgId: string): Promise<boolean> {
    const entry = this.entries.get(clientMsgId);
    if (!entry) return false;
    const next: OutboxEntry = { ...entry, status: 'sending', attempts: 0 };
    delete next.error;
    this.entries.set(clientMsgId, next);
    await this.storage.save(next);
    this.flush();
    return true;
  }

  /** Removes an entry for good (the user gave up on a failed message). */
  async discard(clientMsgId: string): Promise<boolean> {
    const entry = this.entries.get(clientMsgId);
    if (!entry) return false;
    this.entries.delete(clientMsgId);
    await this.storage.remove(clientMsgId);
    this.settle(clientMsgId, {
      error: new ProtocolError(pb.ErrorCode.ERROR_CODE_CONFLICT, 'message discarded'),
    });
    return true;
  }

  /**
   * Starts sending every `sending` entry, one conversation per pump. Safe to call any time:
   * conversations that are already being pumped pick up new entries by themselves.
   */
  flush(): void {
    if (!this.hooks.isOnline()) return;
    const conversations = new Set(
      [...this.entries.values()].filter((e) => e.status === 'sending').map((e) => e.conversationId),
    );
    for (const id of conversations) {
      if (this.pumps.has(id)) continue;
      const pump = this.pump(id).finally(() => this.pumps.delete(id));
      this.pumps.set(id, pump);
    }
  }

  /** Resolves when every pump running now has stopped (tests, orderly shutdown). */
  async idle(): Promise<void> {
    while (this.pumps.size > 0) await Promise.allSettled([...this.pumps.values()]);
  }

  private async pump(conversationId: number): Promise<void> {
    for (;;) {
      if (!this.hooks.isOnline()) return;
      const entry = this.list().find(
        (e) => e.conversationId === conversationId && e.status === 'sending',
      );
      if (!entry) return;
      let ack: SendAck;
      try {
        ack = await this.hooks.transmit(entry);
      } catch (err) {
        const stop = await this.handleFailure(entry, asProtocolError(err));
        if (stop) return;
        continue;
      }
      // Stop tracking before telling the client, so a flush from onSent cannot resend it.
      this.entries.delete(entry.clientMsgId);
      await this.storage.remove(entry.clientMsgId);
      this.hooks.onSent(entry, ack);
      this.settle(entry.clientMsgId, { ack });
    }
  }

  /** Returns true when the pump should stop (offline: the next flush resumes). */
  private async handleFailure(entry: OutboxEntry, err: ProtocolError): Promise<boolean> {
    if (!this.entries.has(entry.clientMsgId)) return false; // discarded meanwhile
    if (isTransient(err) && !this.hooks.isOnline()) return true;
    // A server that says "not now" (a database or Redis restart, a rate limit) has refused
    // nothing about this message: it stays `sending` and is retried with the capped backoff,
    // however long that takes. Other transient errors (INTERNAL) count towards maxAttempts.
    const serverBusy = isServerBusy(err);
    const attempts = entry.attempts + 1;
    const failed = !isTransient(err) || (!serverBusy && attempts >= this.options.maxAttempts);
    const next: OutboxEntry = {
      ...entry,
      attempts,
      status: failed ? 'failed' : 'sending',
      error: { code: err.code, message: err.message },
    };
    this.entries.set(entry.clientMsgId, next);
    await this.storage.save(next);
    if (failed) {
      this.hooks.onFailed(next, err);
      this.settle(entry.clientMsgId, { error: err });
      return false;
    }
    const backoff = this.options.retryDelayMs * 2 ** Math.min(attempts - 1, 30);
    const wait = err.details.retryAfterMs || Math.min(backoff, MAX_RETRY_DELAY_MS);
    await this.hooks.delay(wait);
    return false;
  }

  private settle(clientMsgId: string, result: { ack?: SendAck; error?: ProtocolError }): void {
    const list = this.waiters.get(clientMsgId);
    this.waiters.delete(clientMsgId);
    for (const notify of list ?? []) notify(result);
  }
}

function isServerBusy(err: ProtocolError): boolean {
  return (
    err.code === pb.ErrorCode.ERROR_CODE_UNAVAILABLE ||
    err.code === pb.ErrorCode.ERROR_CODE_RATE_LIMITED
  );
}

function byUlid(a: OutboxEntry, b: OutboxEntry): number {
  return a.clientMsgId < b.clientMsgId ? -1 : a.clientMsgId > b.clientMsgId ? 1 : 0;
}
