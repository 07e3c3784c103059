/**
 * ULIDs (https://github.com/ulid/spec): 48 bits of milliseconds + 80 random bits, written as 26
 * Crockford base32 characters or carried as 16 bytes on the wire (`client_msg_id`). Sorting the
 * text sorts by creation time, which is why the outbox uses them as keys.
 */

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const DECODE = new Map([...ALPHABET].map((c, i) => [c, i] as const));
const MAX_TIME = 2 ** 48 - 1;

/** Source of randomness: fills the array in place (crypto.getRandomValues in browsers and Node). */
export type RandomSource = (bytes: Uint8Array) => Uint8Array;

const cryptoRandom: RandomSource = (bytes) => globalThis.crypto.getRandomValues(bytes);

/**
 * Makes a ULID generator that is monotonic within one millisecond: two ids made in the same
 * millisecond still sort in the order they were made (the random part is incremented).
 *
 * @example
 * const next = createUlidFactory();
 * const a = next();
 * const b = next();
 * a < b; // true, even within one millisecond
 */
export function createUlidFactory(
  random: RandomSource = cryptoRandom,
  now: () => number = Date.now,
): () => string {
  let lastTime = -1;
  let lastRandom: Uint8Array = new Uint8Array(10);
  return () => {
    const time = now();
    if (time <= lastTime) {
      lastRandom = increment(lastRandom);
    } else {
      lastTime = time;
      lastRandom = random(new Uint8Array(10));
    }
    const bytes = new Uint8Array(16);
    writeTime(bytes, Math.max(time, lastTime));
    bytes.set(lastRandom, 6);
    return ulidFromBytes(bytes);
  };
}

const defaultFactory = createUlidFactory();

/**
 * A new ULID string (26 characters, monotonic within this page or process).
 *
 * @example
 * const id = ulid(); // '01J9Z3K4Q0V6W8X2Y4Z6A8B0C2'
 */
export function ulid(): string {
  return defaultFactory();
}

/**
 * The 16 wire bytes of a ULID string. Throws on anything that is not a valid ULID.
 *
 * @example
 * const bytes = ulidToBytes(ulid()); // Uint8Array(16)
 */
export function ulidToBytes(id: string): Uint8Array {
  if (!isUlid(id)) throw new Error(`not a ULID: ${id}`);
  // 26 chars * 5 bits = 130 bits; the first 2 bits are always zero.
  const bytes = new Uint8Array(16);
  let acc = 0n;
  for (const c of id.toUpperCase()) acc = (acc << 5n) | BigInt(DECODE.get(c) ?? 0);
  for (let i = 15; i >= 0; i--) {
    bytes[i] = Number(acc & 0xffn);
    acc >>= 8n;
  }
  return bytes;
}

/**
 * The ULID text of 16 wire bytes. Any 16 bytes are accepted, so ids made by other clients
 * round-trip; other lengths yield '' (an old or foreign client that sent no valid id).
 *
 * @example
 * ulidFromBytes(ulidToBytes(id)) === id; // true
 */
export function ulidFromBytes(bytes: Uint8Array | null | undefined): string {
  if (!bytes || bytes.byteLength !== 16) return '';
  let acc = 0n;
  for (const b of bytes) acc = (acc << 8n) | BigInt(b);
  let out = '';
  for (let i = 0; i < 26; i++) {
    out = ALPHABET[Number(acc & 31n)] + out;
    acc >>= 5n;
  }
  return out;
}

/**
 * Whether a string is a well-formed ULID (26 Crockford characters, time within 48 bits).
 *
 * @example
 * isUlid(ulid()); // true
 * isUlid('hello'); // false
 */
export function isUlid(id: string): boolean {
  return /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/i.test(id);
}

/**
 * The creation time (unix ms) encoded in a ULID.
 *
 * @example
 * ulidTime(ulid()) <= Date.now(); // true
 */
export function ulidTime(id: string): number {
  let time = 0;
  for (const c of id.slice(0, 10).toUpperCase()) time = time * 32 + (DECODE.get(c) ?? 0);
  return time;
}

function writeTime(bytes: Uint8Array, time: number): void {
  if (!Number.isInteger(time) || time < 0 || time > MAX_TIME) {
    throw new Error(`time out of ULID range: ${time}`);
  }
  let t = time;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = t % 256;
    t = Math.floor(t / 256);
  }
}

function increment(random: Uint8Array): Uint8Array {
  const next: Uint8Array = new Uint8Array(random);
  for (let i = next.length - 1; i >= 0; i--) {
    const v = next[i] ?? 0;
    if (v < 255) {
      next[i] = v + 1;
      return next;
    }
    next[i] = 0;
  }
  // 2^80 ids in one millisecond: the spec says fail rather than wrap.
  throw new Error('ULID random part overflowed within one millisecond');
}
