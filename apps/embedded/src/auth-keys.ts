import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { generateAuthKeys, type AuthKeyPair } from '@parley/server-kit';

/**
 * The embedded mode's token signing keys: made on first start, kept under the data folder
 * (owner-only), so tokens stay valid across restarts.
 */
export async function loadOrCreateAuthKeys(dataDir: string): Promise<AuthKeyPair> {
  const dir = join(dataDir, 'keys');
  const privatePath = join(dir, 'access-token.key');
  const publicPath = join(dir, 'access-token.pub');
  try {
    return {
      privateKeyPem: await readFile(privatePath, 'utf8'),
      publicKeyPem: await readFile(publicPath, 'utf8'),
    };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const keys = await generateAuthKeys();
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(privatePath, keys.privateKeyPem, { mode: 0o600 });
  await writeFile(publicPath, keys.publicKeyPem, { mode: 0o644 });
  return keys;
}

/**
 * The HMAC key of file download links, kept under the data folder so links handed out before
 * a restart keep working until they expire.
 */
export async function loadOrCreateLinkSecret(dataDir: string): Promise<string> {
  const dir = join(dataDir, 'keys');
  const path = join(dir, 'file-link.secret');
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const secret = randomBytes(32).toString('base64url');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(path, secret, { mode: 0o600 });
  return secret;
}
