/**
 * The upload half of an image or file message. The outbox sends entries in order; an entry
 * with files not yet uploaded gets them uploaded first (tus, resumable), each finished upload
 * recorded in the persisted entry (its attachment id, and its tus URL as soon as it exists),
 * so a retry or a reload never uploads a finished file twice and continues an unfinished one
 * from where the server stands. Progress shows on the pending message in the state.
 */
import { ProtocolError, pb } from '@parley/proto';

import type { OutboxHooks } from '../outbox/outbox.js';
import type { Outbox } from '../outbox/outbox.js';
import type { OutboxAttachment, OutboxEntry } from '../outbox/outbox-storage.js';
import type { OutboxFileStore } from '../outbox/outbox-file-store.js';
import type { UploadProgress } from '../model/types.js';
import type { UploadController } from '../upload/types.js';
import type { FileAccess } from './file-access.js';

/** The bytes of an outgoing file: a browser File/Blob or bytes in Node. */
export type FileBytes = Blob | Uint8Array;

/** What the uploads need from the client. */
export interface AttachmentUploadsDeps {
  files: FileAccess;
  /** The current user's outbox (entries are updated in place and persisted). */
  outbox(): Outbox | undefined;
  /** The signed-in user's persisted files, if the app gave a store (see OutboxFileStore). */
  fileStore?(): OutboxFileStore | undefined;
  /** Told when the file store fails (the bytes stay in memory; a reload would ask for them). */
  onStoreError?(err: unknown): void;
  /** Shows an entry's progress on its pending message. */
  showProgress(entry: OutboxEntry, progress: UploadProgress): void;
  /** Bytes per tus PATCH (default adaptive: about a second per chunk; see chunk-size.ts). */
  chunkSize?: number;
}

/**
 * Uploads of unsent messages: the files' bytes (in memory, and in the file store when there is
 * one, so a reload continues the upload by itself), the running upload per message (for pause,
 * resume and cancel), and the outbox hook that uploads before sending.
 *
 * @example
 * const uploads = new AttachmentUploads(deps);
 * const outbox = new Outbox(storage, uploads.wrap(hooks));
 */
export class AttachmentUploads {
  private readonly bytes = new Map<string, FileBytes[]>();
  private readonly running = new Map<string, UploadController>();
  /** The store write of each message's files, so a delete never overtakes it. */
  private readonly persisted = new Map<string, Promise<void>>();

  constructor(private readonly deps: AttachmentUploadsDeps) {}

  /**
   * Keeps the bytes of a message's files until they are uploaded (in attachment order).
   *
   * @example
   * uploads.hold(entry.clientMsgId, [file]);
   */
  hold(clientMsgId: string, files: readonly FileBytes[]): void {
    this.bytes.set(clientMsgId, [...files]);
    this.persisted.set(
      clientMsgId,
      this.storeCall((store) => store.put(clientMsgId, files)),
    );
  }

  /** Whether the bytes of a message's files are in memory (false after a reload). */
  holds(clientMsgId: string): boolean {
    return this.bytes.has(clientMsgId);
  }

  /** Pauses the message's running upload; false if none runs. */
  pause(clientMsgId: string): boolean {
    const upload = this.running.get(clientMsgId);
    upload?.pause();
    return upload !== undefined;
  }

  /** Resumes the message's paused upload; false if none runs. */
  resume(clientMsgId: string): boolean {
    const upload = this.running.get(clientMsgId);
    upload?.resume();
    return upload !== undefined;
  }

  /** Stops the message's upload for good (the partial upload is deleted) and drops its bytes. */
  async cancel(clientMsgId: string): Promise<void> {
    const upload = this.running.get(clientMsgId);
    this.forget(clientMsgId);
    await upload?.cancel();
  }

  /** The bytes are no longer needed: out of memory and out of the store. */
  private forget(clientMsgId: string): void {
    this.bytes.delete(clientMsgId);
    const stored = this.persisted.get(clientMsgId) ?? Promise.resolve();
    this.persisted.delete(clientMsgId);
    // After a put still in progress, or the delete would run first and the put leave them.
    void stored.then(() => this.storeCall((store) => store.delete(clientMsgId)));
  }

  /** The bytes of a message's files: in memory, else from the store (after a reload). */
  private async filesOf(clientMsgId: string): Promise<FileBytes[] | undefined> {
    const held = this.bytes.get(clientMsgId);
    if (held) return held;
    let found: FileBytes[] | undefined;
    await this.storeCall(async (store) => {
      found = await store.get(clientMsgId);
    });
    if (found) this.bytes.set(clientMsgId, found);
    return found;
  }

  /** Runs `fn` against the file store, if any; a failure is reported, never thrown. */
  private async storeCall(fn: (store: OutboxFileStore) => Promise<void>): Promise<void> {
    const store = this.deps.fileStore?.();
    if (!store) return;
    try {
      await fn(store);
    } catch (err) {
      this.deps.onStoreError?.(err);
    }
  }

  /**
   * Outbox hooks that upload an entry's missing files before `hooks.transmit` sends it.
   *
   * @example
   * new Outbox(storage, uploads.wrap(createOutboxHooks(ctx)));
   */
  wrap(hooks: OutboxHooks): OutboxHooks {
    return {
      ...hooks,
      transmit: async (entry) => {
        await this.uploadMissing(entry);
        return hooks.transmit(entry);
      },
    };
  }

  private async uploadMissing(entry: OutboxEntry): Promise<void> {
    const attachments = entry.attachments ?? [];
    if (attachments.length === 0) return;
    if (attachments.every((a) => a.id > 0)) {
      this.forget(entry.clientMsgId); // uploaded before a reload: the bytes may still be kept
      return;
    }
    const files = await this.filesOf(entry.clientMsgId);
    const total = attachments.reduce((sum, a) => sum + a.size, 0);
    let done = attachments.reduce((sum, a) => sum + (a.id > 0 ? a.size : 0), 0);
    const fileServerUrl = await this.deps.files.url();
    for (const [index, attachment] of attachments.entries()) {
      if (attachment.id > 0) continue;
      const file = files?.[index];
      if (!file) {
        throw new ProtocolError(
          pb.ErrorCode.ERROR_CODE_NOT_FOUND,
          `${attachment.name} is no longer at hand: attach it again`,
        );
      }
      const uploaded = await this.uploadOne(entry, index, file, fileServerUrl, (sent, state) =>
        this.deps.showProgress(entry, { sent: done + sent, total, state }),
      );
      done += attachment.size;
      await this.record(entry, index, {
        ...uploaded,
        width: uploaded.width || attachment.width,
        height: uploaded.height || attachment.height,
      });
    }
    this.forget(entry.clientMsgId);
    this.deps.showProgress(entry, { sent: total, total, state: 'done' });
  }

  private async uploadOne(
    entry: OutboxEntry,
    index: number,
    file: FileBytes,
    fileServerUrl: string,
    progress: (sent: number, state: UploadProgress['state']) => void,
  ): Promise<OutboxAttachment> {
    const attachment = entry.attachments?.[index];
    if (!attachment) throw new Error('no such attachment');
    let savedUrl = attachment.uploadUrl;
    // Loaded on first use: apps that never send a file never load the tus client.
    const { uploadFile } = await import('../upload/upload-file.js');
    const upload = uploadFile({
      fileServerUrl,
      token: () => this.deps.files.token(),
      file,
      name: attachment.name,
      ...(this.deps.chunkSize !== undefined ? { chunkSize: this.deps.chunkSize } : {}),
      fetch: this.deps.files.fetch,
      ...(attachment.uploadUrl ? { uploadUrl: attachment.uploadUrl } : {}),
      onProgress: (sent) => {
        // Remember the tus URL as soon as it exists: a reload continues this upload.
        if (upload.uploadUrl && upload.uploadUrl !== savedUrl) {
          savedUrl = upload.uploadUrl;
          void this.record(entry, index, { ...attachment, uploadUrl: savedUrl });
        }
        progress(sent, upload.state);
      },
    });
    this.running.set(entry.clientMsgId, upload);
    try {
      return await upload.done;
    } finally {
      if (this.running.get(entry.clientMsgId) === upload) this.running.delete(entry.clientMsgId);
    }
  }

  /** Replaces one attachment of the entry and persists the entry. */
  private async record(entry: OutboxEntry, index: number, value: OutboxAttachment) {
    const next = [...(entry.attachments ?? [])];
    next[index] = value;
    const outbox = this.deps.outbox();
    if (!(await outbox?.update(entry.clientMsgId, { attachments: next }))) {
      entry.attachments = next; // discarded meanwhile: only the pump's copy changes
    }
  }
}
