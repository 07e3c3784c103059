/**
 * The pixel size of an image file, read in the browser before it is sent, so the message
 * reserves the image's space from the first frame. Null for non-images and undecodable files.
 *
 * @example
 * const size = await imageSize(file); // { width: 1600, height: 1200 } | null
 */
export async function imageSize(file: Blob): Promise<{ width: number; height: number } | null> {
  if (!file.type.startsWith('image/') || typeof createImageBitmap !== 'function') return null;
  try {
    const bitmap = await createImageBitmap(file);
    const size = { width: bitmap.width, height: bitmap.height };
    bitmap.close();
    return size;
  } catch {
    return null; // not decodable here (e.g. HEIC): the server still sniffs and thumbnails it
  }
}
