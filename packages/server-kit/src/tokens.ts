import { ProtocolError, pb } from '@parley/proto';
import {
  SignJWT,
  exportPKCS8,
  exportSPKI,
  generateKeyPair,
  importPKCS8,
  importSPKI,
  jwtVerify,
  errors as joseErrors,
} from 'jose';

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
 * @example
 * const verifier = await createTokenVerifier({ publicKeyPem });
 * const claims = await verifier.verify(token); // { userId, sessionId, role, deviceKind }
 */
export async function createTokenVerifier(options: { publicKeyPem: string }) {
  const key = await importSPKI(options.publicKeyPem, ALG);
  return {
    async verify(token: string | undefined | null): Promise<AccessClaims> {
      if (!token) throw unauthenticated('missing access token');
      try {
        const { payload } = await jwtVerify(token, key, {
          issuer: ISSUER,
          audience: AUDIENCE,
          algorithms: [ALG],
        });
        const userId = Number(payload.sub);
        const sessionId = Number(payload['sid']);
        const role = payload['role'];
        const deviceKind = payload['dev'];
        if (
          !Number.isSafeInteger(userId) ||
          !Number.isSafeInteger(sessionId) ||
          (role !== 'member' && role !== 'admin') ||
          !['web', 'desktop', 'mobile', 'bot'].includes(String(deviceKind))
        ) {
          throw unauthenticated('malformed access token');
        }
        return { userId, sessionId, role, deviceKind: deviceKind as AccessClaims['deviceKind'] };
      } catch (err) {
        if (err instanceof ProtocolError) throw err;
        if (err instanceof joseErrors.JWTExpired) throw unauthenticated('access token expired');
        throw unauthenticated('invalid access token');
      }
    },
  };
}
export type TokenVerifier = Awaited<ReturnType<typeof createTokenVerifier>>;

function unauthenticated(message: string): ProtocolError {
  return new ProtocolError(pb.ErrorCode.ERROR_CODE_UNAUTHENTICATED, message);
}
