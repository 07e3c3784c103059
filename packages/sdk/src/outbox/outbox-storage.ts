/**
 * Where unsent messages wait. The outbox writes an entry before the first attempt and deletes
 * it after the server's ack, so a message typed before a crash, a reload or a closed laptop
 * is sent (once) when the app comes back.
 */
import type { pb } from '@parley/proto';

import type { AttachmentInfo } from '../upload/types.js';

/**
 * A file of an unsent message. `id` is 0 until the upload finished; `uploadUrl` is the tus
 * upload to continue after a reload (the bytes themselves are not persisted: where the app
 * cannot hand them over again, an unfinished upload fails and the user attaches it again).
 */
export interface OutboxAttachment extends AttachmentInfo {
  uploadUrl?: string;
}

/** One unsent message. */
export interface OutboxEntry {
  /** The ULID made once for this message and sent on every retry. */
  clientMsgId: string;
  conversationId: number;
  senderId: number;
  text: string;
  kind: pb.MessageKind;
  /** Unix ms when the user wrote it. */
  createdAt: number;
  /** `sending`: will be (re)sent; `failed`: waits for retry() or discard(). */
  status: 'sending' | 'failed';
  /** Attempts that reached a connected server and failed transiently. */
  attempts: number;
  error?: { code: pb.ErrorCode; message: string };
  /** The server id of the message this one replies to. */
  replyTo?: number;
  /** Files to upload (if not yet) and reference: an image or file message. */
  attachments?: OutboxAttachment[];
}

/**
 * Persistence of outbox entries. Async so that IndexedDB or a file can sit behind it.
 *
 * @example
 * const storage: OutboxStorage = createMemoryOutboxStorage();
 */
export interface OutboxStorage {
  load(): Promise<OutboxEntry[]>;
  save(entry: OutboxEntry): Promise<void>;
  remove(clientMsgId: string): Promise<void>;
}

/**
 * Keeps entries in memory only (bots, tests, benchmarks; lost when the process ends).
 *
 * @example
 * const client = createParleyClient({ loginUrl, outboxStorage: () => createMemoryOutboxStorage() });
 */
export function createMemoryOutboxStorage(): OutboxStorage {
  const entries = new Map<string, OutboxEntry>();
  return {
    load: () => Promise.resolve([...entries.values()].map((e) => ({ ...e }))),
    save: (entry) => {
      entries.set(entry.clientMsgId, { ...entry });
      return Promise.resolve();
    },
    remove: (id) => {
      entries.delete(id);
      return Promise.resolve();
    },
  };
}

/** The part of the Web Storage API (localStorage, sessionStorage) the adapter uses. */
export interface WebStorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * Keeps entries in Web Storage (localStorage) under one key per user, as JSON. Survives
 * reloads and browser restarts; entries are small text, far below storage quotas.
 *
 * @example
 * const client = createParleyClient({
 *   loginUrl,
 *   outboxStorage: (userId) => createWebStorageOutboxStorage(window.localStorage, `parley.outbox.${userId}`),
 * });
 */
export function createWebStorageOutboxStorage(storage: WebStorageLike, key: string): OutboxStorage {
  const read = (): OutboxEntry[] => {
    try {
      const parsed = JSON.parse(storage.getItem(key) ?? '[]') as unknown;
      return Array.isArray(parsed) ? parsed.filter(isOutboxEntry) : [];
    } catch {
      // A corrupt value must not stop the app; losing it beats never starting.
      return [];
    }
  };
  const write = (entries: OutboxEntry[]): void => {
    if (entries.length === 0) storage.removeItem(key);
    else storage.setItem(key, JSON.stringify(entries));
  };
  return {
    load: () => Promise.resolve(read()),
    save: (entry) => {
      const entries = read().filter((e) => e.clientMsgId !== entry.clientMsgId);
      entries.push(entry);
      write(entries);
      return Promise.resolve();
    },
    remove: (id) => {
      write(read().filter((e) => e.clientMsgId !== id));
      return Promise.resolve();
    },
  };
}

/**
 * Whether a value read back from storage looks like an outbox entry (storage adapters drop
 * anything else rather than fail).
 */
export function isOutboxEntry(value: unknown): value is OutboxEntry {
  const e = value as Partial<OutboxEntry> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof e.clientMsgId === 'string' &&
    typeof e.conversationId === 'number' &&
    typeof e.text === 'string'
  );
}
