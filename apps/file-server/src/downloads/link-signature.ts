import { createHmac, timingSafeEqual } from 'node:crypto';

/** Which bytes of an attachment a link opens. */
export type FileVariant = 'original' | 'thumbnail';

/**
 * The signature of a download link: HMAC-SHA256 over the attachment id, the variant and the
 * expiry (unix ms), base64url. Whoever holds the link may download until it expires; links
 * are handed only to users allowed to see the file, and live minutes.
 */
export function signLink(
  secret: Buffer,
  attachmentId: number,
  variant: FileVariant,
  expiresAt: number,
): string {
  return createHmac('sha256', secret)
    .update(`parley-file-link/v1\n${attachmentId}\n${variant}\n${expiresAt}`)
    .digest('base64url');
}

/** Whether `signature` is this server's for these values (constant time). */
export function verifyLink(
  secret: Buffer,
  attachmentId: number,
  variant: FileVariant,
  expiresAt: number,
  signature: string,
): boolean {
  const expected = Buffer.from(signLink(secret, attachmentId, variant, expiresAt));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
