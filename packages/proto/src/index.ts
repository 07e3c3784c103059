/**
 * Parley's wire types, generated from proto/parley/v1/*.proto, plus the few helpers every
 * peer needs to speak them: frame encode/decode and the proto3 JSON mapping.
 *
 * @example
 * import { pb, encodeFrame, decodeFrame } from '@parley/proto';
 * const bytes = encodeFrame({ rid: 1, ping: {} });
 * const frame = decodeFrame(bytes); // frame.body === 'ping'
 */
import { parley } from './generated/parley.js';

export { parley };
export import pb = parley.v1;
export * from './frame.js';
export * from './json.js';
export * from './errors.js';
