import type { OutboxFileStore } from '@parley/sdk';

type Bytes = Awaited<ReturnType<OutboxFileStore['get']>>;

const STORE = 'files';

/**
 * The outbox's file store in IndexedDB: one database per signed-in user, one record per
 * unsent message holding its File/Blob objects (IndexedDB keeps Blobs as they are, without
 * reading them into memory). Where IndexedDB is missing or refuses (private windows, quota)
 * the calls fail and the SDK keeps the bytes in memory only; a reload then asks for the file.
 *
 * @example
 * createParleyClient({ ..., outboxFiles: (userId) => createIndexedDbFileStore(`parley.files.${userId}`) });
 */
export function createIndexedDbFileStore(name: string): OutboxFileStore {
  let db: Promise<IDBDatabase> | undefined;
  const open = () =>
    (db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => {
        db = undefined; // try again next time
        reject(request.error ?? new Error('IndexedDB unavailable'));
      };
    }));
  /** Runs one request in its own transaction; resolves when the transaction is durable. */
  const run = async <T>(
    mode: IDBTransactionMode,
    call: (store: IDBObjectStore) => IDBRequest<T>,
  ): Promise<T> => {
    const tx = (await open()).transaction(STORE, mode);
    const request = call(tx.objectStore(STORE));
    return new Promise<T>((resolve, reject) => {
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = tx.onabort = () => reject(tx.error ?? request.error ?? new Error('aborted'));
    });
  };
  return {
    put: async (id, files) => void (await run('readwrite', (s) => s.put([...files], id))),
    get: async (id) => (await run('readonly', (s) => s.get(id))) as Bytes,
    delete: async (id) => void (await run('readwrite', (s) => s.delete(id))),
    keys: async () => (await run('readonly', (s) => s.getAllKeys())).map(String),
  };
}
