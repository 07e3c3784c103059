/**
 * The msg-server list from the login-server's discovery, reused for a while so that quick
 * reconnects do not each cost an HTTP round trip; a retry after a failure asks afresh.
 */
import { ProtocolError, pb } from '@parley/proto';

import type { LoginApi } from '../http/login-api.js';
import { toMsgServer } from '../model/normalize.js';
import type { MsgServer } from '../model/types.js';

/**
 * Cached discovery.
 *
 * @example
 * const discovery = new DiscoveryCache(api, 60_000);
 * const servers = await discovery.servers(false); // ranked, best first
 */
export class DiscoveryCache {
  private cached: { at: number; servers: MsgServer[] } | undefined;

  constructor(
    private readonly api: LoginApi,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The ranked list; `fresh` skips the cache. Throws UNAVAILABLE when no msg-server runs.
   *
   * @example
   * const servers = await discovery.servers(attempt > 0);
   */
  async servers(fresh: boolean): Promise<MsgServer[]> {
    const cached = this.cached;
    if (!fresh && cached && this.now() - cached.at < this.ttlMs) return cached.servers;
    const response = await this.api.discovery();
    const servers = (response.msgServers ?? []).map(toMsgServer).filter((s) => s.url !== '');
    if (servers.length === 0) {
      throw new ProtocolError(pb.ErrorCode.ERROR_CODE_UNAVAILABLE, 'no msg-server is running');
    }
    this.cached = { at: this.now(), servers };
    return servers;
  }
}
