/**
 * Picking a free TCP port for a server that must know its port before it listens (the embedded
 * launcher hands URLs around first; tests restart a node on the port it had).
 *
 * The usual trick (listen on port 0, read the port, close) hands back a port from the kernel's
 * ephemeral range, which the kernel goes on handing out: to the next `listen(0)` and to every
 * outgoing connection's local end. Between the pick and the real listen, either can take the
 * port and the listen fails with EADDRINUSE (seen in CI with several test suites running). So
 * the pick comes from below (or above) the ephemeral range, where the kernel never allocates,
 * and is checked by binding it once.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';

/** Linux's default ephemeral range (net.ipv4.ip_local_port_range). */
const DEFAULT_EPHEMERAL: PortRange = { low: 32768, high: 60999 };
/** Ports below this are left alone (well-known and commonly configured services). */
const LOWEST = 10000;
const ATTEMPTS = 64;

export interface PortRange {
  low: number;
  high: number;
}

/** Reads the kernel's ephemeral port range (Linux); the default range elsewhere. */
export async function ephemeralPortRange(): Promise<PortRange> {
  try {
    const text = await readFile('/proc/sys/net/ipv4/ip_local_port_range', 'utf8');
    return parsePortRange(text) ?? DEFAULT_EPHEMERAL;
  } catch {
    return DEFAULT_EPHEMERAL;
  }
}

/** Parses `"32768\t60999\n"`; undefined for anything else. */
export function parsePortRange(text: string): PortRange | undefined {
  const parts = text.trim().split(/\s+/).map(Number);
  const [low, high] = parts;
  if (parts.length !== 2 || low === undefined || high === undefined) return undefined;
  if (!Number.isInteger(low) || !Number.isInteger(high) || low < 1 || high > 65535 || low > high) {
    return undefined;
  }
  return { low, high };
}

/**
 * The ports outside the ephemeral range to pick from: the larger of [LOWEST, low) and
 * (high, 65535]; undefined when the ephemeral range leaves neither (then only port 0 is left).
 */
export function pickableRange(ephemeral: PortRange): PortRange | undefined {
  const below = { low: LOWEST, high: ephemeral.low - 1 };
  const above = { low: ephemeral.high + 1, high: 65535 };
  const size = (r: PortRange) => Math.max(0, r.high - r.low + 1);
  const best = size(below) >= size(above) ? below : above;
  return size(best) > 0 ? best : undefined;
}

/** True when `port` on `host` can be listened on right now. */
export async function canListen(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

export interface FindFreePortOptions {
  /** The ephemeral range to stay out of; default the kernel's. */
  ephemeral?: PortRange;
  /** Source of the draws; default Math.random. */
  random?: () => number;
}

/**
 * A port on `host` that is free now and outside the kernel's ephemeral range, so nothing the
 * kernel allocates takes it before the caller listens. Falls back to a kernel-chosen port when
 * no such port is found.
 *
 * @example
 * const port = await findFreePort('127.0.0.1');
 * server.listen(port, '127.0.0.1');
 */
export async function findFreePort(
  host: string,
  options: FindFreePortOptions = {},
): Promise<number> {
  const random = options.random ?? Math.random;
  const range = pickableRange(options.ephemeral ?? (await ephemeralPortRange()));
  if (range) {
    for (let i = 0; i < ATTEMPTS; i++) {
      const port = range.low + Math.floor(random() * (range.high - range.low + 1));
      if (await canListen(port, host)) return port;
    }
  }
  return kernelChosenPort(host);
}

async function kernelChosenPort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const chosen = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(chosen));
    });
  });
}
