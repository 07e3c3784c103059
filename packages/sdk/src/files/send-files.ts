/**
 * Image and file messages: an outbox entry that carries its files' metadata, whose bytes are
 * uploaded (tus) right before the message referencing them is sent.
 */
import { ProtocolError, pb } from '@parley/proto';

import type { ChatMessage } from '../model/types.js';
import type { OutboxAttachment, OutboxEntry } from '../outbox/outbox-storage.js';
import { ulid } from '../ulid/ulid.js';
import { ackedMessage, pendingMessage } from '../client/outbox-bridge.js';
import type { MessageContext } from '../client/message-ops.js';
import type { AttachmentUploads, FileBytes } from './attachment-uploads.js';

/** One file to send. */
export interface OutgoingFile {
  /** A browser File/Blob, or bytes (Node). */
  file: FileBytes;
  /** Shown to receivers; the server sanitises it. Default: the File's name, else "file". */
  name?: string;
  /** Default: the Blob's type, else application/octet-stream. The server sniffs the real one. */
  mime?: string;
  /** An image's size when the app knows it (reserves its space before the upload is done). */
  width?: number;
  height?: number;
}

/** Options of sendFiles. */
export interface SendFilesOptions {
  /** A caption (markdown), sent with the files. */
  text?: string;
  /** Default: an image message when every file is an image, else a file message. */
  kind?: pb.MessageKind;
}

/** The most files one message may carry (the server's limit). */
export const MAX_FILES_PER_MESSAGE = 20;

/**
 * Queues an image or file message: it shows at once as `sending` with its attachments (id 0
 * while uploading, progress in `message.upload`), uploads the files, then sends the message.
 * Resolves with the sent message; rejects when it failed for good (it stays `failed` in the
 * state, and retry() continues the upload where it stopped).
 *
 * @example
 * const sent = await sendFiles(ctx, uploads, me.id, chatId, [{ file: input.files[0] }]);
 */
export async function sendFiles(
  ctx: MessageContext,
  uploads: AttachmentUploads,
  senderId: number,
  conversationId: number,
  files: readonly OutgoingFile[],
  options: SendFilesOptions = {},
): Promise<ChatMessage> {
  if (files.length === 0 || files.length > MAX_FILES_PER_MESSAGE) {
    throw new ProtocolError(
      pb.ErrorCode.ERROR_CODE_BAD_REQUEST,
      `a message carries 1 to ${MAX_FILES_PER_MESSAGE} files`,
      { field: 'files' },
    );
  }
  const attachments = files.map(describe);
  const images = attachments.every((a) => a.mime.startsWith('image/'));
  const entry: OutboxEntry = {
    clientMsgId: ulid(),
    conversationId,
    senderId,
    text: options.text ?? '',
    kind:
      options.kind ??
      (images ? pb.MessageKind.MESSAGE_KIND_IMAGE : pb.MessageKind.MESSAGE_KIND_FILE),
    createdAt: Date.now(),
    status: 'sending',
    attempts: 0,
    attachments,
  };
  uploads.hold(
    entry.clientMsgId,
    files.map((f) => f.file),
  );
  const settled = ctx.outbox.settled(entry.clientMsgId);
  ctx.store.addMessages(conversationId, [
    {
      ...pendingMessage(entry),
      upload: { sent: 0, total: sizeOf(attachments), state: 'uploading' },
    },
  ]);
  await ctx.outbox.add(entry);
  return ackedMessage(entry, await settled);
}

/**
 * Gives the bytes of a message's files back (after a reload, where they were lost) and
 * retries it: finished uploads are not repeated, unfinished ones continue over tus.
 * False if there is no such message.
 *
 * @example
 * await retryWithFiles(ctx, uploads, message.clientMsgId, [input.files[0]]);
 */
export async function retryWithFiles(
  ctx: MessageContext,
  uploads: AttachmentUploads,
  clientMsgId: string,
  files: readonly FileBytes[],
): Promise<boolean> {
  const entry = ctx.outbox.get(clientMsgId);
  if (!entry) return false;
  uploads.hold(clientMsgId, files);
  const message = pendingMessage({ ...entry, status: 'sending' });
  delete message.error;
  ctx.store.addMessages(entry.conversationId, [message]);
  ctx.events.emit('messageStatus', message);
  return ctx.outbox.retry(clientMsgId);
}

/**
 * The state's pending message of an entry with its upload progress (for showProgress).
 *
 * @example
 * store.addMessages(entry.conversationId, [withProgress(entry, progress)]);
 */
export function withProgress(
  entry: OutboxEntry,
  upload: NonNullable<ChatMessage['upload']>,
): ChatMessage {
  return { ...pendingMessage(entry), upload };
}

function describe(f: OutgoingFile): OutboxAttachment {
  const blob = typeof Blob !== 'undefined' && f.file instanceof Blob ? f.file : undefined;
  const fileName = blob && 'name' in blob && typeof blob.name === 'string' ? blob.name : '';
  return {
    id: 0,
    name: f.name || fileName || 'file',
    mime: f.mime || blob?.type || 'application/octet-stream',
    size: blob ? blob.size : (f.file as Uint8Array).byteLength,
    width: f.width ?? 0,
    height: f.height ?? 0,
    hasThumbnail: false,
  };
}

function sizeOf(attachments: readonly OutboxAttachment[]): number {
  return attachments.reduce((sum, a) => sum + a.size, 0);
}
