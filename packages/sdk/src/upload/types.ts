import type { FetchLike } from '../http/login-api.js';

/** A file the server stores, as an upload returns it (normalised pb.Attachment). */
export interface AttachmentInfo {
  id: number;
  /** The name the server stored (sanitised: no path, no control characters). */
  name: string;
  /** Sniffed by the server from the bytes. */
  mime: string;
  size: number;
  /** Images only; 0 otherwise. */
  width: number;
  height: number;
  hasThumbnail: boolean;
}

/** Where an upload stands. */
export type UploadState = 'uploading' | 'paused' | 'done' | 'failed' | 'cancelled';

/** Options of {@link uploadFile}. */
export interface UploadFileOptions {
  /** The file-server origin (from discovery), e.g. `http://localhost:3003`. */
  fileServerUrl: string;
  /**
   * The access token, or a function returning the current one: a long upload outlives a
   * 15-minute token, and a function lets every request use a fresh one.
   */
  token: string | (() => string | Promise<string>);
  file: Blob | Uint8Array;
  /** The file's name; the server sanitises it. */
  name: string;
  /**
   * Bytes per PATCH; each chunk is confirmed before the next is sent. Default: adaptive, 512 KiB
   * first, then sized to take about a second at the rate the last chunk was confirmed
   * (128 KiB to 64 MiB; see upload/chunk-size.ts).
   */
  chunkSize?: number;
  /** Called after every confirmed chunk with bytes the server holds and the total. */
  onProgress?: (sent: number, total: number) => void;
  /**
   * An earlier upload of the same file to continue (its controller's `uploadUrl`, kept e.g.
   * in storage across an app restart). If the server no longer has it, a new one starts.
   */
  uploadUrl?: string;
  /**
   * Hash the file first and ask the server whether it already holds those bytes; if so the
   * attachment comes back without an upload. Default: for files up to 64 MiB (the hash needs
   * the whole file in memory) where Web Crypto is available.
   */
  checkFirst?: boolean;
  /**
   * Waits in ms before each retry after a network failure or server error; the upload fails
   * when they run out. Every success resets the count. Default [0, 1000, 3000, 5000, 10000].
   */
  retryDelays?: number[];
  /**
   * A request with no answer after `timeoutMs` (default 30 s), plus the time its body takes at
   * `minBytesPerSecond` (default 16 KiB/s, half of a 2G link), is cut and counts as a network
   * failure: the upload asks the server for its offset and goes on. Without it, a connection
   * that silently stops carrying packets (a dead NAT mapping, a blackholed route) would hold
   * the upload forever.
   */
  timeoutMs?: number;
  minBytesPerSecond?: number;
  /** Defaults to the global fetch. */
  fetch?: FetchLike;
}

/** A running upload. */
export interface UploadController {
  /** Resolves with the attachment once the server holds the whole file. */
  readonly done: Promise<AttachmentInfo>;
  readonly state: UploadState;
  /** The tus upload URL once created: save it to resume after a restart. */
  readonly uploadUrl: string | null;
  /** Stops sending (the chunk in flight is cut; the server keeps what arrived). */
  pause(): void;
  /** Continues from wherever the server says the upload stands. */
  resume(): void;
  /** Stops for good and deletes the partial upload on the server; `done` rejects. */
  cancel(): Promise<void>;
}

/** The reason `done` rejects after cancel(). */
export class UploadCancelledError extends Error {
  override readonly name = 'UploadCancelledError';
  constructor() {
    super('upload cancelled');
  }
}
