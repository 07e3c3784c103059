import { createHmac, timingSafeEqual } from 'node:crypto';

/** Which bytes of an avatar a link opens. */
export type AvatarVariant = 'original' | 'thumbnail';

/**
 * The signature of an avatar link: HMAC-SHA256 over the user id, the variant and the expiry
 * (unix ms), base64url, with the server's link secret. A different purpose string from file
 * links, so neither can be turned into the other.
 */
export function signAvatarLink(
  secret: Buffer,
  userId: number,
  variant: AvatarVariant,
  expiresAt: number,
): string {
  return createHmac('sha256', secret)
    .update(`parley-avatar-link/v1\n${userId}\n${variant}\n${expiresAt}`)
    .digest('base64url');
}

/** Whether `signature` is this server's for these values (constant time). */
export function verifyAvatarLink(
  secret: Buffer,
  userId: number,
  variant: AvatarVariant,
  expiresAt: number,
  signature: string,
): boolean {
  const expected = Buffer.from(signAvatarLink(secret, userId, variant, expiresAt));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The expiry of links made at `now`: the end of the window after the current one, so every
 * link made within one window is the same URL (browsers cache it) and lives between one and
 * two windows.
 *
 * @example
 * avatarLinkExpiry(Date.now(), 300_000); // 5-10 minutes from now, on a 5-minute boundary
 */
export function avatarLinkExpiry(now: number, windowMs: number): number {
  const window = Math.max(1000, windowMs);
  return (Math.floor(now / window) + 2) * window;
}
