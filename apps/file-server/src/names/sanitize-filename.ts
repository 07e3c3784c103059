/** Longest stored file name, in UTF-8 bytes (what common file systems accept). */
export const MAX_NAME_BYTES = 255;

const FALLBACK = 'file';

// Matching control characters is the point here.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069<>:"|?*]/g;

/**
 * A display name made safe to store and to send back in Content-Disposition. It is never used
 * as a path (objects are stored under their sha256), but clients save downloads under it, so:
 * only the last path segment of either slash kind survives, control and reserved characters
 * become `_`, leading dots and trailing dots/spaces go, the result is cut to 255 UTF-8 bytes
 * keeping the extension, and an empty result becomes "file".
 *
 * @example
 * sanitizeFilename('../../etc/passwd'); // 'passwd'
 * sanitizeFilename('C:\\Users\\me\\cv.pdf'); // 'cv.pdf'
 */
export function sanitizeFilename(raw: string): string {
  const lastSegment = raw.split(/[/\\]/).pop() ?? '';
  let name = lastSegment
    .normalize('NFC')
    // Controls (C0, DEL, C1), bidi overrides that disguise extensions, and Windows-reserved marks.
    .replace(UNSAFE_CHARS, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  name = truncateUtf8(name, MAX_NAME_BYTES);
  return name === '' ? FALLBACK : name;
}

/** Cuts to at most `max` UTF-8 bytes on a code point boundary, keeping a short extension. */
function truncateUtf8(name: string, max: number): string {
  const encoder = new TextEncoder();
  if (encoder.encode(name).length <= max) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
  const budget = max - encoder.encode(ext).length;
  let stem = '';
  let used = 0;
  for (const ch of name.slice(0, name.length - ext.length)) {
    const size = encoder.encode(ch).length;
    if (used + size > budget) break;
    stem += ch;
    used += size;
  }
  return stem.replace(/[.\s]+$/, '') + ext;
}
