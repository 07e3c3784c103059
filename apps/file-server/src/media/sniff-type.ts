/** How many leading bytes {@link sniffType} needs to decide. */
export const SNIFF_BYTES = 64;

const OCTET_STREAM = 'application/octet-stream';

/**
 * The media type of a file, from its first bytes (magic numbers), never from its name or from
 * what the client claimed. Knows the types Parley shows or plays: PNG, JPEG, GIF, WebP, PDF,
 * ZIP, Ogg, MP3, WAV, MP4 (and M4A), WebM; everything else is application/octet-stream, so
 * nothing a user uploads is ever served as HTML or script.
 *
 * @example
 * sniffType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])); // 'image/png'
 */
export function sniffType(head: Uint8Array): string {
  const at = (offset: number, ...bytes: number[]) => bytes.every((b, i) => head[offset + i] === b);
  const ascii = (offset: number, text: string) =>
    at(offset, ...Array.from(text, (c) => c.charCodeAt(0)));

  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return 'image/gif';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp';
  if (ascii(0, 'RIFF') && ascii(8, 'WAVE')) return 'audio/wav';
  if (ascii(0, '%PDF-')) return 'application/pdf';
  if (at(0, 0x50, 0x4b, 0x03, 0x04) || at(0, 0x50, 0x4b, 0x05, 0x06)) return 'application/zip';
  if (ascii(0, 'OggS')) return 'audio/ogg';
  if (ascii(4, 'ftyp')) return isAudioBrand(head) ? 'audio/mp4' : 'video/mp4';
  if (at(0, 0x1a, 0x45, 0xdf, 0xa3))
    return containsAscii(head, 'webm') ? 'video/webm' : OCTET_STREAM;
  if (ascii(0, 'ID3') || isMp3Frame(head)) return 'audio/mpeg';
  return OCTET_STREAM;
}

/** M4A/M4B/M4P brands are audio-only MP4 (voice notes from phones). */
function isAudioBrand(head: Uint8Array): boolean {
  const brand = String.fromCharCode(...head.subarray(8, 12));
  return brand === 'M4A ' || brand === 'M4B ' || brand === 'M4P ';
}

/**
 * An MPEG audio frame header: 11 sync bits, a valid version, layer III, a bitrate index that is
 * neither free nor bad, and a valid sample rate. Without ID3 tags this is all an MP3 has.
 */
function isMp3Frame(head: Uint8Array): boolean {
  const [b0, b1, b2] = [head[0] ?? 0, head[1] ?? 0, head[2] ?? 0];
  if (b0 !== 0xff || (b1 & 0xe0) !== 0xe0) return false;
  const version = (b1 >> 3) & 0x03;
  const layer = (b1 >> 1) & 0x03;
  const bitrate = b2 >> 4;
  const sampleRate = (b2 >> 2) & 0x03;
  return (
    version !== 0x01 && layer === 0x01 && bitrate !== 0 && bitrate !== 0x0f && sampleRate !== 0x03
  );
}

/** The EBML header names its DocType ("webm" or "matroska") within its first bytes. */
function containsAscii(head: Uint8Array, text: string): boolean {
  const needle = Array.from(text, (c) => c.charCodeAt(0));
  for (let i = 0; i + needle.length <= head.length; i++) {
    if (needle.every((b, j) => head[i + j] === b)) return true;
  }
  return false;
}

/** Types a thumbnail is made for (sharp decodes them). */
export function isThumbnailable(mime: string): boolean {
  return (
    mime === 'image/png' || mime === 'image/jpeg' || mime === 'image/gif' || mime === 'image/webp'
  );
}

/** Types a browser may show inline; everything else downloads as an attachment. */
export function isInlineType(mime: string): boolean {
  return /^(image|audio|video)\//.test(mime);
}
