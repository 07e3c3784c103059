/**
 * Network profiles: what the shaper does to every connection. A profile is plain data, so a
 * test can take a named one and change a field (`{ ...PROFILES['2G'], resetRate: 0.3 }`).
 */

/** What happens to connections as a whole. */
export type ShaperMode =
  /** Forward (shaped). */
  | 'open'
  /** Accept, then read and drop every byte silently; existing connections go silent too. */
  | 'blackhole'
  /** Refuse new connections with a TCP reset; existing ones carry on. */
  | 'block';

/** How the shaper treats traffic. Every direction (client to server, back) is shaped alike. */
export interface NetworkProfile {
  name: string;
  /** One-way delay added in each direction, in ms (round trip: twice this). */
  latencyMs: number;
  /** Rate limit per direction in kbit/s (1 kbit = 1000 bits); 0: unlimited. */
  bandwidthKbps: number;
  /** Token bucket depth in bytes: what may go at line speed after an idle moment. */
  burstBytes: number;
  /** Fraction (0..1) of new connections that get reset (RST) at some point. */
  resetRate: number;
  /**
   * A connection picked for a reset is reset at connect (half of them) or after a uniformly
   * random number of bytes, in both directions together, up to this many.
   */
  resetAfterMaxBytes: number;
  mode: ShaperMode;
  /** Reset connections whose first request asks for `Upgrade: websocket` (long-polling only). */
  blockWebSocket: boolean;
}

const base: NetworkProfile = {
  name: 'perfect',
  latencyMs: 0,
  bandwidthKbps: 0,
  burstBytes: 1500,
  resetRate: 0,
  resetAfterMaxBytes: 64 * 1024,
  mode: 'open',
  blockWebSocket: false,
};

/** The named profiles. */
export const PROFILES = {
  /** No shaping at all: a plain TCP proxy. */
  perfect: base,
  /** A weak mobile link: 600 ms round trip, 256 kbit/s, 3% of connections reset. */
  '2G': { ...base, name: '2G', latencyMs: 300, bandwidthKbps: 256, resetRate: 0.03 },
  /** A fair mobile link: 200 ms round trip, 1.6 Mbit/s, 1% of connections reset. */
  '3G': { ...base, name: '3G', latencyMs: 100, bandwidthKbps: 1600, resetRate: 0.01 },
  /** A proxy or firewall that lets HTTP through but not WebSocket. */
  'no-websocket': { ...base, name: 'no-websocket', blockWebSocket: true },
  /** The network is gone: packets vanish, nothing answers, nothing is refused. */
  offline: { ...base, name: 'offline', mode: 'blackhole' },
  /** The server's port is closed: new connections are refused at once. */
  blocked: { ...base, name: 'blocked', mode: 'block' },
} satisfies Record<string, NetworkProfile>;

/** A name of one of PROFILES. */
export type ProfileName = keyof typeof PROFILES;

/**
 * A named profile, or a profile given whole, with some fields changed.
 *
 * @example
 * const flaky = resolveProfile('2G', { resetRate: 0.25 });
 */
export function resolveProfile(
  profile: ProfileName | NetworkProfile,
  overrides: Partial<NetworkProfile> = {},
): NetworkProfile {
  if (typeof profile === 'string' && !Object.hasOwn(PROFILES, profile)) {
    throw new RangeError(`unknown network profile "${profile}"`);
  }
  const p: NetworkProfile = typeof profile === 'string' ? PROFILES[profile] : profile;
  const out = { ...p, ...overrides };
  validateProfile(out);
  return out;
}

function validateProfile(p: NetworkProfile): void {
  const nonNegative: Array<keyof NetworkProfile> = [
    'latencyMs',
    'bandwidthKbps',
    'burstBytes',
    'resetAfterMaxBytes',
  ];
  for (const key of nonNegative) {
    const v = p[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new RangeError(`profile ${key} must be a finite number >= 0, got ${String(v)}`);
    }
  }
  if (!(p.resetRate >= 0 && p.resetRate <= 1)) {
    throw new RangeError(`profile resetRate must be within 0..1, got ${String(p.resetRate)}`);
  }
  if (!['open', 'blackhole', 'block'].includes(p.mode)) {
    throw new RangeError(`profile mode must be open, blackhole or block, got ${String(p.mode)}`);
  }
}
