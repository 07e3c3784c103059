/**
 * Previews of the user's own images while they upload: an object URL of the picked file, found
 * by the conversation, name and size the pending attachment carries. Shown until the server's
 * thumbnail takes over; revoked a while after (the list may still render it meanwhile).
 */
const previews = new Map<string, string>();

const keyOf = (conversationId: number, name: string, size: number) =>
  `${conversationId}\n${name}\n${size}`;

/** Remembers a preview of `file` for its pending message in `conversationId`. */
export function addLocalPreview(conversationId: number, file: File): void {
  if (!file.type.startsWith('image/')) return;
  const key = keyOf(conversationId, file.name, file.size);
  if (!previews.has(key)) previews.set(key, URL.createObjectURL(file));
}

/** The preview URL of a pending attachment, if this page picked its file. */
export function localPreview(
  conversationId: number,
  name: string,
  size: number,
): string | undefined {
  return previews.get(keyOf(conversationId, name, size));
}

/** Frees the preview once the message is sent (after a grace period for rows on screen). */
export function releaseLocalPreview(conversationId: number, name: string, size: number): void {
  const key = keyOf(conversationId, name, size);
  const url = previews.get(key);
  if (!url) return;
  setTimeout(() => {
    if (previews.get(key) !== url) return;
    previews.delete(key);
    URL.revokeObjectURL(url);
  }, 60_000);
}
