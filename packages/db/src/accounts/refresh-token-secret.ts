import { createHash, randomBytes } from 'node:crypto';

/**
 * A new refresh token: 256 random bits, base64url. Only its SHA-256 is stored, so a copy of
 * the database cannot be replayed as sessions. (A fast hash is enough: the input is random,
 * not a password, so there is nothing to brute-force.)
 */
export function newRefreshToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashRefreshToken(token) };
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
