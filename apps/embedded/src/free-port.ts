import { findFreePort } from '@parley/server-kit';

/**
 * Turns port 0 into a concrete free port. The servers hand each other's URLs to clients before
 * they listen, so the embedded launcher needs every port up front. The port comes from outside
 * the kernel's ephemeral range (see findFreePort), so nothing else takes it before the listen.
 */
export async function resolvePort(port: number, host: string): Promise<number> {
  if (port !== 0) return port;
  return findFreePort(host);
}
