import type { RequestHandler } from '../transport/context.js';

/** ping: an application-level round trip (clock offset, liveness through proxies). */
export const handlePing: RequestHandler<'ping'> = async () => ({
  pong: { serverTime: Date.now() },
});
