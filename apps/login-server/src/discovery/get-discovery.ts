import { ProtocolError, pb } from '@parley/proto';

import type { LoginContext } from '../server/context.js';

/**
 * Where a client connects: the live msg-servers, least loaded first (the SDK races the first
 * two and walks the rest on failure), and the file-server.
 */
export async function getDiscovery(ctx: LoginContext): Promise<pb.DiscoveryResponse> {
  let live;
  try {
    live = await ctx.registry.list();
  } catch (err) {
    // The registry (Redis) is away: a transient failure clients retry, not a bug.
    ctx.logger.error({ err }, 'discovery registry unavailable');
    throw new ProtocolError(pb.ErrorCode.ERROR_CODE_UNAVAILABLE, 'discovery is unavailable', {
      retryAfterMs: 1000,
    });
  }
  // The registry promises this order already; sorting again keeps the contract local.
  live.sort((a, b) => a.load - b.load || a.id.localeCompare(b.id));
  return pb.DiscoveryResponse.create({
    msgServers: live.map((s) =>
      pb.MsgServerInfo.create({
        id: s.id,
        url: s.url,
        path: s.path,
        connections: Math.max(0, Math.trunc(s.connections)),
        load: s.load,
      }),
    ),
    fileServerUrl: ctx.fileServerUrl,
  });
}
