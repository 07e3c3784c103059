import { createPublicKey, verify as verifySignature, type KeyObject } from 'node:crypto';

import { ProtocolError, pb } from '@parley/proto';
import { SignJWT, exportPKCS8, exportSPKI, generateKeyPair, importPKCS8 } from 'jose';

import { readJsonObject } from './json-object.js';

const ALG = 'EdDSA';
const ISSUER = 'parley-login';
const AUDIENCE = 'parley';

/** What an access token says about its bearer. */
export interface AccessClaims {
  userId: number;
  sessionId: number;
  role: 'member' | 'admin';
  deviceKind: 'web' | 'desktop' | 'mobile' | 'bot';
}

/** A PEM key pair for signing (login-server) and verifying (every server) access tokens. */
export interface AuthKeyPair {
  privateKeyPem: string;
  publicKeyPem: string;
}

/**
 * Makes a new Ed25519 key pair. Servers that only verify need the public half, so a leaked
 * msg-server or file-server cannot mint tokens.
 *
 * @example
 * const keys = await generateAuthKeys();
 */
export async function generateAuthKeys(): Promise<AuthKeyPair> {
  const { privateKey, publicKey } = await generateKeyPair(ALG, {
    crv: 'Ed25519',
    extractable: true,
  });
  return {
    privateKeyPem: await exportPKCS8(privateKey),
    publicKeyPem: await exportSPKI(publicKey),
  };
}

/**
 * Signs short-lived access tokens (login-server only).
 *
 * @example
 * const signer = await createTokenSigner({ privateKeyPem, ttlSeconds: 900 });
 * const { token, expiresAt } = await signer.sign({ userId: 1, sessionId: 9, role: 'member', deviceKind: 'web' });
 */
export async function createTokenSigner(options: { privateKeyPem: string; ttlSeconds: number }) {
  const key = await importPKCS8(options.privateKeyPem, ALG);
  return {
    async sign(
      claims: AccessClaims,
      now = Date.now(),
    ): Promise<{ token: string; expiresAt: number }> {
      const iat = Math.floor(now / 1000);
      const exp = iat + options.ttlSeconds;
      const token = await new SignJWT({
        sid: claims.sessionId,
        role: claims.role,
        dev: claims.deviceKind,
      })
        .setProtectedHeader({ alg: ALG })
        .setSubject(String(claims.userId))
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .sign(key);
      return { token, expiresAt: exp * 1000 };
    },
  };
}
export type TokenSigner = Awaited<ReturnType<typeof createTokenSigner>>;

/**
 * Verifies access tokens without calling the login-server. Every failure (expired, tampered,
 * wrong key, malformed) is a ProtocolError with code UNAUTHENTICATED.
 *
 * The check is node:crypto's one-shot Ed25519 verify over the JWS compact form, not jose's
 * jwtVerify (which goes through WebCrypto's async job queue): about 110 µs instead of 200 µs
 * per token here, which every handshake and HTTP request pays, thousands at once in a reconnect
 * storm. It accepts exactly what the signer makes: three base64url parts, a header whose `alg`
 * is EdDSA and that names no critical extensions, a 64-byte signature, and a payload with this
 * issuer and audience, a numeric `exp` in the future and, if present, a numeric `nbf` in the past.
 *
 * @example
 * const verifier = await createTokenVerifier({ publicKeyPem });
 * const claims = await verifier.verify(token); // { userId, sessionId, role, deviceKind }
 */
export async function createTokenVerifier(options: {
  publicKeyPem: string;
}): Promise<TokenVerifier> {
  const key = createPublicKey(options.publicKeyPem);
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new Error(`the token public key must be Ed25519, not ${String(key.asymmetricKeyType)}`);
  }
  return {
    async verify(token) {
      return verifyToken(token, key);
    },
  };
}

/** Checks access tokens (see createTokenVerifier). */
export interface TokenVerifier {
  /** The token's claims; rejects with an UNAUTHENTICATED ProtocolError. */
  verify(token: string | undefined | null): Promise<AccessClaims>;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

function verifyToken(token: string | undefined | null, key: KeyObject): AccessClaims {
  if (!token) throw unauthenticated('missing access token');
  const parts = token.split('.');
  const [header, payload, signature] = parts;
  if (
    parts.length !== 3 ||
    header === undefined ||
    payload === undefined ||
    signature === undefined ||
    !BASE64URL.test(header) ||
    !BASE64URL.test(payload) ||
    !BASE64URL.test(signature)
  ) {
    throw unauthenticated('invalid access token');
  }
  const head = parseJsonObject(header);
  if (!head || head['alg'] !== ALG || 'crit' in head) throw unauthenticated('invalid access token');
  const sig = Buffer.from(signature, 'base64url');
  if (sig.length !== 64 || !verifySignature(null, Buffer.from(`${header}.${payload}`), key, sig)) {
    throw unauthenticated('invalid access token');
  }
  const body = parseJsonObject(payload);
  if (!body || body['iss'] !== ISSUER || !hasAudience(body['aud'])) {
    throw unauthenticated('invalid access token');
  }
  const now = Math.floor(Date.now() / 1000);
  const exp = body['exp'];
  const nbf = body['nbf'];
  if (typeof exp !== 'number' || (nbf !== undefined && typeof nbf !== 'number')) {
    throw unauthenticated('invalid access token');
  }
  if (exp <= now) throw unauthenticated('access token expired');
  if (nbf !== undefined && nbf > now) throw unauthenticated('invalid access token');

  const userId = Number(body['sub']);
  const sessionId = body['sid'];
  const role = body['role'];
  const deviceKind = body['dev'];
  if (
    typeof body['sub'] !== 'string' ||
    !Number.isSafeInteger(userId) ||
    typeof sessionId !== 'number' ||
    !Number.isSafeInteger(sessionId) ||
    (role !== 'member' && role !== 'admin') ||
    !DEVICE_KINDS.has(deviceKind)
  ) {
    throw unauthenticated('malformed access token');
  }
  return { userId, sessionId, role, deviceKind: deviceKind as AccessClaims['deviceKind'] };
}

const DEVICE_KINDS = new Set<unknown>(['web', 'desktop', 'mobile', 'bot']);

function hasAudience(aud: unknown): boolean {
  return aud === AUDIENCE || (Array.isArray(aud) && aud.includes(AUDIENCE));
}

/** A token part's JSON object, or null. */
function parseJsonObject(part: string): Record<string, unknown> | null {
  return readJsonObject(Buffer.from(part, 'base64url').toString('utf8'));
}

function unauthenticated(message: string): ProtocolError {
  return new ProtocolError(pb.ErrorCode.ERROR_CODE_UNAUTHENTICATED, message);
}
