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
  /** Shows an entry's progress on its pending message. */
  showProgress(entry: OutboxEntry, progress: UploadProgress): void;
  /** Bytes per tus PATCH (default 1 MiB: progress moves visibly on slow links). */
  chunkSize?: number;
}

const DEFAULT_CHUNK = 1024 * 1024;

/**
 * Uploads of unsent messages: the files' bytes (kept in memory only), the running upload per
 * message (for pause, resume and cancel), and the outbox hook that uploads before sending.
 *
 * @example
 * const uploads = new AttachmentUploads(deps);
 * const outbox = new Outbox(storage, uploads.wrap(hooks));
 */
export class AttachmentUploads {
  private readonly bytes = new Map<string, FileBytes[]>();
  private readonly running = new Map<string, UploadController>();

  constructor(private readonly deps: AttachmentUploadsDeps) {}

  /**
   * Keeps the bytes of a message's files until they are uploaded (in attachment order).
   *
   * @example
   * uploads.hold(entry.clientMsgId, [file]);
   */
  hold(clientMsgId: string, files: readonly FileBytes[]): void {
    this.bytes.set(clientMsgId, [...files]);
  }

  /** Whether the bytes of a message's files are at hand (false after a reload). */
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
    this.bytes.delete(clientMsgId);
    await upload?.cancel();
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
    if (attachments.every((a) => a.id > 0)) return;
    const files = this.bytes.get(entry.clientMsgId);
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
    this.bytes.delete(entry.clientMsgId);
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
      chunkSize: this.deps.chunkSize ?? DEFAULT_CHUNK,
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
