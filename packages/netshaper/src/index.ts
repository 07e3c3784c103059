/**
 * @parley/netshaper: a TCP proxy for tests and benchmarks that makes a good network bad —
 * latency, bandwidth, connection resets, blackholes, refused connections, no WebSocket — and
 * counts the bytes that cross it.
 *
 * @example
 * import { createNetShaper } from '@parley/netshaper';
 *
 * const shaper = await createNetShaper({ target: { host: '127.0.0.1', port: 3002 }, profile: '2G' });
 * const client = connectTo(shaper.url);
 * shaper.setProfile('offline');
 * console.log(shaper.stats().bytesDown);
 */
export { createNetShaper, seededRandom } from './shaper.js';
export type { NetShaper, NetShaperOptions, NetShaperStats } from './shaper.js';
export { PROFILES, resolveProfile } from './profiles.js';
export type { NetworkProfile, ProfileName, ShaperMode } from './profiles.js';
export { ShapedLink } from './link.js';
export type { LinkShape } from './link.js';
