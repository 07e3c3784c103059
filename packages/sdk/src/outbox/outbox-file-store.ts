/**
 * Where the bytes of unsent files wait, next to the outbox entries that reference them, so an
 * upload cut by a reload, a crash or a closed laptop continues by itself when the app comes
 * back instead of asking the user to pick the file again. Optional: without one (or when it
 * fails, e.g. over quota) the bytes live in memory only and a reload asks for the file.
 */
import type { FileBytes } from '../files/attachment-uploads.js';

/** Persistence of outgoing files, keyed by the message's client_msg_id. */
export interface OutboxFileStore {
  /** Keeps a message's files (in attachment order), replacing what was kept for it. */
  put(clientMsgId: string, files: readonly FileBytes[]): Promise<void>;
  /** The files kept for a message, or undefined. */
  get(clientMsgId: string): Promise<FileBytes[] | undefined>;
  delete(clientMsgId: string): Promise<void>;
  /** Every message that has files kept (to drop what no outbox entry needs any more). */
  keys(): Promise<string[]>;
}

/**
 * Keeps files in memory (tests; an app without persistent storage).
 *
 * @example
 * const client = createParleyClient({ loginUrl, outboxFiles: () => createMemoryOutboxFileStore() });
 */
export function createMemoryOutboxFileStore(): OutboxFileStore {
  const files = new Map<string, FileBytes[]>();
  return {
    put: async (id, list) => void files.set(id, [...list]),
    get: async (id) => {
      const list = files.get(id);
      return list ? [...list] : undefined;
    },
    delete: async (id) => void files.delete(id),
    keys: async () => [...files.keys()],
  };
}
