import type { ParleyClient } from '@parley/sdk';

import { imageSize } from './image-size';
import { addLocalPreview, releaseLocalPreview } from './local-previews';

/**
 * Sends picked, pasted or dropped files: one message per file, so each has its own progress
 * bar, cancel and retry. Images carry their pixel size (space reserved at once) and show a
 * local preview until the server's thumbnail is there. Failures show on the message itself.
 *
 * @example
 * input.onchange = () => void sendPickedFiles(client, conversationId, [...input.files]);
 */
export async function sendPickedFiles(
  client: ParleyClient,
  conversationId: number,
  files: readonly File[],
): Promise<void> {
  for (const file of files) {
    const size = await imageSize(file);
    addLocalPreview(conversationId, file);
    client
      .sendFiles(conversationId, [
        {
          file,
          name: file.name || 'pasted-image.png',
          mime: file.type || 'application/octet-stream',
          ...(size ?? {}),
        },
      ])
      .then(
        () => releaseLocalPreview(conversationId, file.name, file.size),
        () => undefined, // shown as failed (with retry) on the message
      );
  }
}

/** The files of a paste or drop (DataTransfer), if any. */
export function filesOf(data: DataTransfer | null): File[] {
  if (!data) return [];
  return [...data.files].filter((f) => f.size > 0 || f.type !== '');
}
