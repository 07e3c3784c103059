/**
 * The outbox of whoever is signed in: created on first use per user, loaded from storage
 * (its pending messages appear in the state at once), and dropped on sign-out.
 */
import { Outbox, type OutboxHooks, type OutboxOptions } from '../outbox/outbox.js';
import type { OutboxFileStore } from '../outbox/outbox-file-store.js';
import type { OutboxStorage } from '../outbox/outbox-storage.js';
import type { ChatStore } from '../store/chat-store.js';
import { pendingMessage } from './outbox-bridge.js';

/**
 * Holds at most one Outbox, for the current user.
 *
 * @example
 * const outboxes = new UserOutbox(storageFor, hooks, {}, store);
 * const outbox = await outboxes.forUser(me.id);
 */
export class UserOutbox {
  private userId = 0;
  private loading: Promise<Outbox> | undefined;
  private loaded: Outbox | undefined;
  private files: OutboxFileStore | undefined;

  constructor(
    private readonly storageFor: (userId: number) => OutboxStorage,
    private readonly hooks: OutboxHooks,
    private readonly options: Partial<OutboxOptions>,
    private readonly store: ChatStore,
    /** Where the user's unsent files are kept (optional: otherwise in memory only). */
    private readonly filesFor?: (userId: number) => OutboxFileStore,
  ) {}

  /** The loaded outbox, if any (for flushing after a reconnect). */
  get current(): Outbox | undefined {
    return this.loaded;
  }

  /** The current user's file store, if the app gave one. */
  get currentFiles(): OutboxFileStore | undefined {
    return this.files;
  }

  /**
   * The user's outbox, loading it (once) on first use.
   *
   * @example
   * await (await outboxes.forUser(me.id)).add(entry);
   */
  forUser(userId: number): Promise<Outbox> {
    if (this.userId === userId && this.loaded) return Promise.resolve(this.loaded);
    if (this.userId === userId && this.loading) return this.loading;
    this.userId = userId;
    this.loaded = undefined;
    const files = this.filesFor?.(userId);
    this.files = files;
    const outbox = new Outbox(this.storageFor(userId), this.hooks, this.options);
    const loading = outbox.load().then((entries) => {
      for (const e of entries) this.store.addMessages(e.conversationId, [pendingMessage(e)]);
      if (files) void pruneFiles(files, entries);
      if (this.loading === loading) {
        this.loaded = outbox;
        this.loading = undefined;
      }
      return outbox;
    });
    this.loading = loading;
    return loading;
  }

  /** Forgets the outbox (sign-out); its storage keeps the entries for the next sign-in. */
  reset(): void {
    this.userId = 0;
    this.loaded = undefined;
    this.loading = undefined;
    this.files = undefined;
  }
}

/**
 * Drops kept files no entry references any more (sent or discarded while the store could not
 * be told, e.g. the tab closed right after the ack). Best effort: the next load tries again.
 */
async function pruneFiles(files: OutboxFileStore, entries: readonly { clientMsgId: string }[]) {
  try {
    const wanted = new Set(entries.map((e) => e.clientMsgId));
    for (const id of await files.keys()) if (!wanted.has(id)) await files.delete(id);
  } catch {
    // Storage unavailable: nothing is lost by keeping the files until the next start.
  }
}
