import { ProtocolError, pb } from '@parley/proto';

import { isTransient } from '../errors/client-errors.js';
import { adaptiveChunks, fixedChunks, type ChunkSizer } from './chunk-size.js';
import { sha256Hex } from './encoding.js';
import { createFileServerApi, type FileServerApi } from './file-server-api.js';
import {
  UploadCancelledError,
  type AttachmentInfo,
  type UploadController,
  type UploadFileOptions,
  type UploadState,
} from './types.js';

const DEFAULT_RETRY_DELAYS = [0, 1000, 3000, 5000, 10_000];
const CHECK_FIRST_LIMIT = 64 * 1024 * 1024;

/**
 * Uploads a file to the file-server over tus 1.0, in chunks the server confirms one by one,
 * and resolves with the attachment to reference in an image or file message. It resumes by
 * itself after network failures and server restarts (asking the server for its offset and
 * sending only what is missing), and can be paused, resumed and cancelled. Works in browsers
 * (Blob/File) and Node (Uint8Array or Blob).
 *
 * @example
 * const upload = uploadFile({
 *   fileServerUrl, token: () => client.accessToken, file: input.files[0], name: input.files[0].name,
 *   onProgress: (sent, total) => bar.value = sent / total,
 * });
 * pauseButton.onclick = () => upload.pause();
 * const attachment = await upload.done;
 * await client.send(chatId, '', { kind: MessageKind.MESSAGE_KIND_IMAGE, attachmentIds: [attachment.id] });
 */
export function uploadFile(options: UploadFileOptions): UploadController {
  const token = options.token;
  const api = createFileServerApi({
    baseUrl: options.fileServerUrl,
    token: async () => (typeof token === 'function' ? token() : token),
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.minBytesPerSecond !== undefined
      ? { minBytesPerSecond: options.minBytesPerSecond }
      : {}),
  });
  const upload = new Upload(api, options);
  return {
    done: upload.done,
    get state() {
      return upload.state;
    },
    get uploadUrl() {
      return upload.url;
    },
    pause: () => upload.pause(),
    resume: () => upload.resume(),
    cancel: () => upload.cancel(),
  };
}

class Upload {
  state: UploadState = 'uploading';
  url: string | null;
  readonly done: Promise<AttachmentInfo>;
  private readonly size: number;
  private inFlight: AbortController | null = null;
  /** Failures since the last success; indexes retryDelays. */
  private failures = 0;
  private wake: (() => void) | null = null;
  private readonly chunks: ChunkSizer;

  constructor(
    private readonly api: FileServerApi,
    private readonly options: UploadFileOptions,
  ) {
    this.url = options.uploadUrl ?? null;
    this.size = options.file instanceof Uint8Array ? options.file.byteLength : options.file.size;
    this.chunks =
      options.chunkSize !== undefined ? fixedChunks(options.chunkSize) : adaptiveChunks();
    this.done = this.run().then(
      (attachment) => {
        this.state = 'done';
        return attachment;
      },
      (err: unknown) => {
        if (this.state !== 'cancelled') this.state = 'failed';
        throw err;
      },
    );
  }

  pause(): void {
    if (this.state !== 'uploading') return;
    this.state = 'paused';
    this.inFlight?.abort();
  }

  resume(): void {
    if (this.state !== 'paused') return;
    this.state = 'uploading';
    this.wakeUp();
  }

  async cancel(): Promise<void> {
    if (this.state === 'done' || this.state === 'failed' || this.state === 'cancelled') return;
    this.state = 'cancelled';
    this.inFlight?.abort();
    this.wakeUp();
    await this.done.catch(() => undefined);
    // Best effort: an upload left behind expires on the server anyway.
    if (this.url) await this.api.terminate(this.url).catch(() => undefined);
  }

  private async run(): Promise<AttachmentInfo> {
    const known = await this.checkFirst();
    if (known) return known;
    let offset = await this.start();
    this.options.onProgress?.(offset, this.size);
    while (offset < this.size) {
      await this.whilePaused();
      try {
        offset = await this.sendChunk(offset);
        this.failures = 0;
        this.options.onProgress?.(offset, this.size);
      } catch (err) {
        this.throwIfCancelled();
        // A pause aborted the chunk on purpose; anything else counts as a failure.
        if (this.state !== 'paused') {
          this.chunks.failed();
          await this.backoff(err);
        }
        // Part of the chunk may have arrived: the server's offset says where to go on.
        offset = await this.attempt(() => this.api.offset(this.requireUrl()));
      }
    }
    return this.attempt(() => this.api.attachment(this.requireUrl()));
  }

  /** The dedupe pre-check: an attachment without sending a byte, when the server has them. */
  private async checkFirst(): Promise<AttachmentInfo | null> {
    if (this.url || !(this.options.checkFirst ?? this.size <= CHECK_FIRST_LIMIT)) return null;
    try {
      const sha256 = await sha256Hex(this.options.file);
      if (!sha256) return null;
      return await this.api.check(sha256, this.size, this.options.name);
    } catch (err) {
      // The check is an optimisation; a real problem shows again on the upload.
      if (err instanceof ProtocolError && err.code === pb.ErrorCode.ERROR_CODE_TOO_LARGE) {
        throw err;
      }
      return null;
    }
  }

  /** Creates the upload, or finds where a given one stands (a new one when it is gone). */
  private async start(): Promise<number> {
    if (this.url) {
      try {
        const url = this.url;
        return await this.attempt(() => this.api.offset(url));
      } catch (err) {
        if (!(err instanceof ProtocolError) || err.code !== pb.ErrorCode.ERROR_CODE_NOT_FOUND) {
          throw err;
        }
        this.url = null; // expired or deleted: start over
      }
    }
    this.url = await this.attempt(() => this.api.create(this.size, this.options.name));
    return 0;
  }

  private async sendChunk(offset: number): Promise<number> {
    const end = Math.min(offset + this.chunks.next(), this.size);
    const file = this.options.file;
    const chunk = file instanceof Uint8Array ? file.subarray(offset, end) : file.slice(offset, end);
    const controller = new AbortController();
    this.inFlight = controller;
    const started = Date.now();
    try {
      const next = await this.api.patch(this.requireUrl(), offset, chunk, controller.signal);
      this.chunks.confirmed(next - offset, Date.now() - started);
      return next;
    } finally {
      this.inFlight = null;
    }
  }

  /** Runs `call` until it succeeds, waiting out pauses and backing off after failures. */
  private async attempt<T>(call: () => Promise<T>): Promise<T> {
    for (;;) {
      await this.whilePaused();
      try {
        const result = await call();
        this.failures = 0;
        return result;
      } catch (err) {
        this.throwIfCancelled();
        if (this.state !== 'paused') await this.backoff(err);
      }
    }
  }

  /** Waits before the next retry, or rethrows when retrying is pointless or used up. */
  private async backoff(err: unknown): Promise<void> {
    const delay = (this.options.retryDelays ?? DEFAULT_RETRY_DELAYS)[this.failures++];
    if (delay === undefined || !this.retryable(err)) throw err;
    await this.sleep(delay);
    this.throwIfCancelled();
  }

  /**
   * Network failures and server trouble are worth retrying, and so is a conflict (the offset
   * moved: ask again). With a token function, so is an expired token.
   */
  private retryable(err: unknown): boolean {
    if (!(err instanceof ProtocolError)) return true;
    if (err.code === pb.ErrorCode.ERROR_CODE_CONFLICT) return true;
    if (err.code === pb.ErrorCode.ERROR_CODE_UNAUTHENTICATED) {
      return typeof this.options.token === 'function';
    }
    return isTransient(err);
  }

  private async whilePaused(): Promise<void> {
    while (this.state === 'paused') {
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
    this.throwIfCancelled();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private wakeUp(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private throwIfCancelled(): void {
    if (this.state === 'cancelled') throw new UploadCancelledError();
  }

  private requireUrl(): string {
    if (!this.url) throw new Error('upload has no URL yet');
    return this.url;
  }
}
