import sharp from 'sharp';

/** What an image upload yields besides its bytes. */
export interface ImageInfo {
  /** Display size, after EXIF orientation. */
  width: number;
  height: number;
  /** WebP, at most `maxSize` on its longer side (never enlarged). */
  thumbnail: Buffer;
}

// Decompression bombs: a few hundred bytes of PNG can claim billions of pixels.
const MAX_INPUT_PIXELS = 100_000_000;

/**
 * Reads an image file's dimensions and makes its thumbnail. Returns null when the bytes do not
 * decode (a truncated or hostile file): it is then stored as a plain file, without a thumbnail.
 * Animated images yield a thumbnail of their first frame.
 *
 * @example
 * const info = await readImage('/work/uploads/abc.part', 320);
 */
export async function readImage(path: string, maxSize: number): Promise<ImageInfo | null> {
  try {
    const options = { limitInputPixels: MAX_INPUT_PIXELS, autoOrient: true } as const;
    const meta = await sharp(path, options).metadata();
    const thumbnail = await sharp(path, options)
      .resize(maxSize, maxSize, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 78 })
      .toBuffer();
    return { width: meta.autoOrient.width, height: meta.autoOrient.height, thumbnail };
  } catch {
    return null;
  }
}
