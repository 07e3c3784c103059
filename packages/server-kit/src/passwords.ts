import argon2 from 'argon2';

/**
 * Hashes a password with argon2id (OWASP-recommended parameters: 19 MiB, 2 passes).
 *
 * @example
 * const hash = await hashPassword('correct horse');
 */
export async function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, {
    type: argon2.argon2id,
    memoryCost: 19456,
    timeCost: 2,
    parallelism: 1,
  });
}

/** True when `password` matches `hash`. A malformed hash is a mismatch, never a throw. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/**
 * A fixed argon2id hash to verify against when the account does not exist, so that sign-in
 * takes the same time for unknown logins and wrong passwords.
 */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('parley-timing-equaliser');
  return dummyHash;
}
