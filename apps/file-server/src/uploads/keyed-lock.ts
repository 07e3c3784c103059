/**
 * In-process locks by key. `tryLock` is for tus PATCHes (a second writer to the same upload is
 * refused, not queued); `run` serialises work per key (a user's quota checks).
 */
export class KeyedLock {
  private readonly busy = new Set<string>();
  private readonly queues = new Map<string, Promise<unknown>>();

  /** Takes the lock and returns its release, or null when someone holds it. */
  tryLock(key: string): (() => void) | null {
    if (this.busy.has(key)) return null;
    this.busy.add(key);
    return () => this.busy.delete(key);
  }

  /** Runs `fn` after every earlier `run` of the same key has settled. */
  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.then(fn, fn);
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(key, settled);
    void settled.then(() => {
      if (this.queues.get(key) === settled) this.queues.delete(key);
    });
    return next;
  }
}
