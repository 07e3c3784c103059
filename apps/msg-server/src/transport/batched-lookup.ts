/**
 * Coalesces lookups by key into batches: every key asked for while earlier batches are running
 * waits for the next batch, which `load` answers with one query. Quiet, a lookup starts at
 * once (next turn of the event loop, alone or with whatever else arrived in that turn); in a
 * reconnect storm, thousands of handshakes share a few dozen queries instead of one each,
 * which is what saves the database round trips. A key asked for twice while queued is loaded
 * once. Nothing is cached: every answer comes from a query that started after it was asked.
 *
 * @example
 * const active = createBatchedLookup(async (ids) => {
 *   const found = await activeSessionIds(db, ids);
 *   return (id) => found.has(id);
 * });
 * if (!(await active(sessionId))) refuse();
 */
export function createBatchedLookup<V>(
  /** Answers a batch: resolves with a function giving each key's value. */
  load: (keys: number[]) => Promise<(key: number) => V>,
  options: {
    /** Batches running at once (default 2: one queues while the other runs). */
    concurrency?: number;
    /** Keys per batch at most (default 1,000). */
    maxBatch?: number;
  } = {},
): (key: number) => Promise<V> {
  const concurrency = options.concurrency ?? 2;
  const maxBatch = options.maxBatch ?? 1_000;
  let queued = new Map<number, Deferred<V>>();
  let running = 0;
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    while (running < concurrency && queued.size > 0) {
      let batch: Map<number, Deferred<V>>;
      if (queued.size <= maxBatch) {
        batch = queued;
        queued = new Map();
      } else {
        batch = new Map();
        for (const [key, waiter] of queued) {
          if (batch.size === maxBatch) break;
          batch.set(key, waiter);
          queued.delete(key);
        }
      }
      running++;
      load([...batch.keys()])
        .then(
          (valueOf) => {
            for (const [key, waiter] of batch) {
              try {
                waiter.resolve(valueOf(key));
              } catch (err) {
                waiter.reject(err);
              }
            }
          },
          (err: unknown) => {
            for (const waiter of batch.values()) waiter.reject(err);
          },
        )
        .finally(() => {
          running--;
          schedule();
        });
    }
  };
  const schedule = () => {
    if (scheduled || queued.size === 0 || running >= concurrency) return;
    scheduled = true;
    setImmediate(flush);
  };

  return (key) => {
    let waiter = queued.get(key);
    if (!waiter) {
      waiter = deferred<V>();
      queued.set(key, waiter);
      schedule();
    }
    return waiter.promise;
  };
}

interface Deferred<V> {
  promise: Promise<V>;
  resolve(value: V): void;
  reject(err: unknown): void;
}

function deferred<V>(): Deferred<V> {
  let resolve!: (value: V) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<V>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
