/**
 * Files for one ParleyClient: file-server access (URL from discovery, tokens, link cache) and
 * the uploads of unsent messages, wired to the client's store and outbox.
 */
import type { pb } from '@parley/proto';

import type { FetchLike } from '../http/login-api.js';
import type { Outbox } from '../outbox/outbox.js';
import type { OutboxFileStore } from '../outbox/outbox-file-store.js';
import type { ChatStore } from '../store/chat-store.js';
import { pendingMessage } from '../client/outbox-bridge.js';
import { AttachmentUploads } from './attachment-uploads.js';
import { FileAccess } from './file-access.js';

/** What ClientFiles needs from the client. */
export interface ClientFilesDeps {
  discovery(): Promise<pb.DiscoveryResponse.$Properties>;
  accessToken(): Promise<string>;
  fetch?: FetchLike | undefined;
  store: ChatStore;
  /** The signed-in user's outbox, once loaded. */
  outbox(): Outbox | undefined;
  /** The signed-in user's file store, if the app gave one. */
  fileStore?(): OutboxFileStore | undefined;
  onStoreError?(err: unknown): void;
}

/**
 * The file side of a client.
 *
 * @example
 * const files = new ClientFiles({ discovery, accessToken, store, outbox: () => outboxes.current });
 * const outbox = new Outbox(storage, files.uploads.wrap(hooks));
 */
export class ClientFiles {
  readonly access: FileAccess;
  readonly uploads: AttachmentUploads;
  private fileServerUrl: Promise<string> | undefined;

  constructor(deps: ClientFilesDeps) {
    this.access = new FileAccess({
      fileServerUrl: () => this.urlOf(deps),
      accessToken: deps.accessToken,
      fetch: deps.fetch,
    });
    this.uploads = new AttachmentUploads({
      files: this.access,
      outbox: deps.outbox,
      ...(deps.fileStore ? { fileStore: deps.fileStore } : {}),
      ...(deps.onStoreError ? { onStoreError: deps.onStoreError } : {}),
      showProgress: (entry, progress) => {
        // Only while it is still unsent: a late report must not undo the ack in the state.
        if (!deps.outbox()?.get(entry.clientMsgId)) return;
        deps.store.addMessages(entry.conversationId, [
          { ...pendingMessage(entry), upload: progress },
        ]);
      },
    });
  }

  private urlOf(deps: ClientFilesDeps): Promise<string> {
    this.fileServerUrl ??= deps.discovery().then(
      (d) => (d.fileServerUrl ?? '').replace(/\/+$/, ''),
      (err: unknown) => {
        this.fileServerUrl = undefined;
        throw err;
      },
    );
    return this.fileServerUrl;
  }
}
