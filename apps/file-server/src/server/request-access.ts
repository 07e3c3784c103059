import type { TokenVerifier } from '@parley/server-kit';
import type { FastifyRequest } from 'fastify';

import { notFound } from '../errors.js';

/** How a caller proves they may read a file or an avatar: a signed link, or their own token. */
export type RequestAccess =
  | { kind: 'link'; expiresAt: number; signature: string }
  | { kind: 'user'; userId: number };

/** The query of a signed link. */
export type SignedLinkQuery = { Querystring: { exp?: string; sig?: string } };

/**
 * A signed link (exp + sig in the query) or, failing that, the caller's Bearer token.
 *
 * @example
 * const access = await accessOf(request, verifier); // { kind: 'user', userId: 7 }
 */
export async function accessOf(
  request: FastifyRequest<SignedLinkQuery>,
  verifier: TokenVerifier,
): Promise<RequestAccess> {
  const { exp, sig } = request.query;
  if (exp !== undefined || sig !== undefined) {
    const expiresAt = /^\d{1,16}$/.test(exp ?? '') ? Number(exp) : 0;
    return { kind: 'link', expiresAt, signature: sig ?? '' };
  }
  const token = /^Bearer +(\S+) *$/i.exec(request.headers.authorization ?? '')?.[1];
  const claims = await verifier.verify(token);
  return { kind: 'user', userId: claims.userId };
}

/**
 * A path id: a positive integer, or NOT_FOUND naming what was looked for.
 *
 * @example
 * const attachmentId = pathIdOf(request.params.id, 'attachment');
 */
export function pathIdOf(raw: string, what: string): number {
  const id = /^\d{1,15}$/.test(raw) ? Number(raw) : 0;
  if (id <= 0) throw notFound(`no such ${what}`);
  return id;
}
