import type { Database } from '@parley/db';
import type { Logger } from '@parley/server-kit';

import type { ObjectStorage } from '../storage/object-storage.js';
import type { KeyedLock } from '../uploads/keyed-lock.js';
import type { UploadHashes } from '../uploads/upload-hashes.js';
import type { UploadStore } from '../uploads/upload-store.js';
import type { FileSettings } from './context.js';

/** Everything the file services work with; made once per started server. */
export interface FileContext {
  db: Database;
  storage: ObjectStorage;
  uploads: UploadStore;
  hashes: UploadHashes;
  locks: KeyedLock;
  settings: FileSettings;
  logger: Logger;
  /** Unix ms. */
  now: () => number;
  /** HMAC key of download links. */
  linkSecret: Buffer;
}
