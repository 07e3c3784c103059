/**
 * Sync ("newsync"): one request returns every conversation changed since the cursor. Calls
 * that arrive while one is in flight share it and trigger exactly one more afterwards, so a
 * change that raced the running sync is not missed.
 */
import type { TypedEmitter } from '../events/typed-emitter.js';
import type { ChatStore } from '../store/chat-store.js';
import type { ClientEvents } from './events.js';
import type { TypedCall } from './typed-call.js';

/**
 * Runs syncs for one client.
 *
 * @example
 * const syncer = new SyncRunner(call, store, events, 50);
 * await syncer.sync();
 */
export class SyncRunner {
  private running: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly call: TypedCall,
    private readonly store: ChatStore,
    private readonly events: TypedEmitter<ClientEvents>,
    private readonly latestPerConversation: number,
  ) {}

  /**
   * Syncs now, or joins the sync in flight (and queues one more).
   *
   * @example
   * await syncer.sync();
   */
  sync(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.runOnce().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.sync().catch(() => undefined); // its failure is reported by the next caller
      }
    });
    return this.running;
  }

  private async runOnce(): Promise<void> {
    const cursor = this.store.getState().cursor;
    const result = await this.call('sync', {
      cursor,
      latestPerConversation: this.latestPerConversation,
    });
    const conversations = result.conversations ?? [];
    this.store.applyConversationStates(conversations, result.cursor ?? cursor);
    const views = this.store.getState().conversations;
    for (const c of conversations) {
      const view = views.get(c.conversation?.id ?? 0);
      if (view) this.events.emit('conversation', view);
    }
  }
}
