import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

export interface WebServerOptions {
  /** The Next.js static export (apps/web/out). */
  root: string;
  /** Runtime configuration the web app reads from /config.json. */
  clientConfig: (req: IncomingMessage) => Record<string, unknown>;
}

/**
 * Serves the web app's static export and its runtime /config.json. Paths are resolved inside
 * `root` only; `/chat` finds `chat.html` or `chat/index.html` as Next's export lays them out.
 */
export function createWebServer(options: WebServerOptions): Server {
  const root = resolve(options.root);
  return createServer((req, res) => {
    handle(root, options, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('internal error');
    });
  });
}

async function handle(
  root: string,
  options: WebServerOptions,
  req: IncomingMessage,
  res: ServerResponse,
) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  } catch {
    res.writeHead(400, { 'content-type': 'text/plain' }).end('bad path');
    return;
  }
  if (pathname === '/config.json') {
    const body = JSON.stringify(options.clientConfig(req));
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
    return;
  }
  const file = await findFile(root, pathname);
  if (!file) {
    const notFound = await findFile(root, '/404');
    res.writeHead(404, { 'content-type': TYPES['.html'] ?? 'text/html' });
    if (notFound && req.method === 'GET') createReadStream(notFound).pipe(res);
    else res.end('not found');
    return;
  }
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  // Next puts content hashes in /_next/static names, so those can be cached for ever.
  const cache = pathname.startsWith('/_next/static/')
    ? 'public, max-age=31536000, immutable'
    : 'no-cache';
  res.writeHead(200, {
    'content-type': type,
    'cache-control': cache,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
}

async function findFile(root: string, pathname: string): Promise<string | undefined> {
  const clean = normalize(pathname).replace(/^([/\\])+/, '');
  const base = join(root, clean);
  if (base !== root && !base.startsWith(root + sep)) return undefined;
  for (const candidate of [base, `${base}.html`, join(base, 'index.html')]) {
    try {
      if ((await stat(candidate)).isFile()) return candidate;
    } catch {
      // try the next layout
    }
  }
  return undefined;
}
