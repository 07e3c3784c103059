/**
 * How many bytes the next tus PATCH carries. Each chunk is confirmed (written and synced by
 * the server) before the next goes, and a browser learns of progress only per chunk, so:
 * chunks too small spend the time on round trips and the server's disk syncs (a 1 GiB file
 * in 4 MiB chunks was 256 stop-and-wait PATCHes: bench upload); chunks too big leave the
 * progress bar still for minutes on a slow link. The adaptive sizer aims every chunk at about
 * a second at the rate the previous one was confirmed: a LAN reaches 64 MiB chunks within a
 * few PATCHes, a 2G link stays near the minimum. Resuming does not depend on the size: the
 * server keeps the bytes of a chunk cut short and the client goes on from its offset.
 */
export interface ChunkSizer {
  /** Bytes for the next PATCH (the file's end may cut it shorter). */
  next(): number;
  /** A PATCH of `bytes` was confirmed `elapsedMs` after it started. */
  confirmed(bytes: number, elapsedMs: number): void;
  /** A PATCH failed (not a pause): the next one is smaller. */
  failed(): void;
}

export interface AdaptiveChunkOptions {
  initialBytes: number;
  minBytes: number;
  maxBytes: number;
  /** How long a chunk should take. */
  targetMs: number;
}

const KIB = 1024;
const MIB = 1024 * KIB;

/** The SDK's default: 512 KiB first, then 128 KiB - 64 MiB, about a second each. */
export const ADAPTIVE_CHUNKS: AdaptiveChunkOptions = {
  initialBytes: 512 * KIB,
  minBytes: 128 * KIB,
  maxBytes: 64 * MIB,
  targetMs: 1000,
};

/** At most this factor bigger than the last chunk (one fast chunk is thin evidence). */
const MAX_GROWTH = 4;
const GRAIN = 64 * KIB;

/** Every chunk the same size (UploadFileOptions.chunkSize). */
export function fixedChunks(bytes: number): ChunkSizer {
  const size = Math.max(1, Math.floor(bytes));
  return { next: () => size, confirmed: () => undefined, failed: () => undefined };
}

/**
 * Sizes each chunk from the last confirmed one (see the module comment).
 *
 * @example
 * const sizer = adaptiveChunks();
 * sizer.next(); // 524288
 * sizer.confirmed(524288, 20); // a fast link
 * sizer.next(); // 2097152 (at most 4x per step, up to 64 MiB)
 */
export function adaptiveChunks(options: AdaptiveChunkOptions = ADAPTIVE_CHUNKS): ChunkSizer {
  const { minBytes, maxBytes, targetMs } = options;
  const clamp = (n: number) => Math.min(maxBytes, Math.max(minBytes, n));
  let current = clamp(options.initialBytes);
  return {
    next: () => current,
    confirmed(bytes, elapsedMs) {
      // A short chunk (the file's end) says little about the link.
      if (bytes < current / 2) return;
      const ideal = elapsedMs > 0 ? (bytes * targetMs) / elapsedMs : Infinity;
      const bounded = Math.min(ideal, current * MAX_GROWTH);
      current = clamp(Math.max(GRAIN, Math.floor(bounded / GRAIN) * GRAIN));
    },
    failed() {
      current = clamp(Math.floor(current / 2 / GRAIN) * GRAIN);
    },
  };
}
