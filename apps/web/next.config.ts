import { fileURLToPath } from 'node:url';

import type { NextConfig } from 'next';

/**
 * The web app is a static export (apps/web/out): the embedded launcher, nginx or any CDN
 * serves it, and it finds the servers at runtime through /config.json. No Next.js server.
 */
const config: NextConfig = {
  output: 'export',
  // `/chat` is exported as `chat/index.html`, which every static file server resolves.
  trailingSlash: true,
  reactStrictMode: true,
  poweredByHeader: false,
  // The monorepo root, where node_modules and the lockfile live.
  turbopack: { root: fileURLToPath(new URL('../..', import.meta.url)) },
};

export default config;
