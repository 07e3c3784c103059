/**
 * Pulls missing messages when a conversation's list has a hole (design: receivers check
 * seq == last_known + 1; on a gap they pull the range). One repair per conversation at a
 * time; a request for a conversation already being repaired re-runs it once afterwards.
 */
import type { pb } from '@parley/proto';

import { toChatMessage } from '../model/normalize.js';
import type { ChatStore } from '../store/chat-store.js';
import { findGap } from '../store/find-gap.js';

/** Messages per history page while repairing. */
const PAGE = 100;
/** Beyond this many pages the hole is not worth closing: older messages load on scroll. */
const MAX_PAGES = 5;

/** Fetches one page of history (the client's request to the msg-server). */
export type HistoryFetcher = (
  request: pb.HistoryRequest.$Properties,
) => Promise<pb.HistoryResponse.$Properties>;

/**
 * Repairs holes in conversations' message lists.
 *
 * @example
 * const repair = new GapRepair(store, (req) => client.history(req), onError);
 * repair.request(conversationId); // after a push with seq > last + 1
 */
export class GapRepair {
  private readonly running = new Map<number, Promise<void>>();
  private readonly again = new Map<number, number | undefined>();

  constructor(
    private readonly store: ChatStore,
    private readonly fetchHistory: HistoryFetcher,
    private readonly onError: (err: unknown) => void,
  ) {}

  /**
   * Repairs `conversationId`. `afterSeq` names where the hole starts when the list cannot
   * show it (nothing older is loaded); otherwise the first hole in the list is used.
   */
  request(conversationId: number, afterSeq?: number): Promise<void> {
    const current = this.running.get(conversationId);
    if (current) {
      this.again.set(conversationId, afterSeq);
      return current;
    }
    const run = this.repair(conversationId, afterSeq)
      .catch((err: unknown) => this.onError(err))
      .finally(() => {
        this.running.delete(conversationId);
        if (this.again.has(conversationId)) {
          const next = this.again.get(conversationId);
          this.again.delete(conversationId);
          void this.request(conversationId, next);
        }
      });
    this.running.set(conversationId, run);
    return run;
  }

  /** Resolves when no repair is running (tests). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  private async repair(conversationId: number, explicitAfter: number | undefined): Promise<void> {
    const list = () => this.store.messagesOf(conversationId);
    // Holes starting below `floor` are known to be unfillable (history has nothing for them,
    // e.g. messages the user hid); they must never hide a later, real hole.
    let floor = 0;
    let after = explicitAfter ?? findGap(list());
    for (let page = 0; page < MAX_PAGES && after !== undefined; page++) {
      const result = await this.fetchHistory({ conversationId, afterSeq: after, limit: PAGE });
      const messages = (result.messages ?? []).map(toChatMessage);
      this.store.addMessages(conversationId, messages);
      const hole = after;
      // The seq right after the hole still missing: history has nothing there for this user.
      if (!list().some((m) => m.seq === hole + 1)) floor = hole + 1;
      after = findGap(list(), floor);
    }
    if (after === undefined) return;
    // Too far behind: keep what follows the newest hole history can fill (older messages are
    // paged in by loadOlder: hasOlder is set), so the list never shows a hole as if it were
    // contiguous. Holes known to be unfillable stay where they are.
    let cut = after;
    for (let hole = findGap(list(), floor); hole !== undefined; hole = findGap(list(), hole + 1)) {
      cut = hole;
    }
    this.store.replaceMessages(
      conversationId,
      list().filter((m) => m.seq === 0 || m.seq > cut),
      true,
    );
  }
}
