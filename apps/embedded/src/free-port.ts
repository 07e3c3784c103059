import { createServer } from 'node:net';

/**
 * Turns port 0 into a concrete free port. The servers hand each other's URLs to clients before
 * they listen, so the embedded launcher needs every port up front.
 */
export async function resolvePort(port: number, host: string): Promise<number> {
  if (port !== 0) return port;
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
