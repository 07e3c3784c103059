import type { Database } from '@parley/db';
import type { Logger, TokenVerifier } from '@parley/server-kit';

import type { ObjectStorage } from '../storage/object-storage.js';

/** Settings of one file-server. Only `port` is required; the rest have embedded defaults. */
export interface FileServerConfig {
  /** Interface to listen on (default 0.0.0.0). */
  host?: string;
  /** 0 lets the OS choose (tests). */
  port: number;
  corsOrigins?: string[] | boolean;
  trustProxy?: boolean;
  /** Largest non-upload request body in bytes (default 64 KiB). Upload bytes have their own limits. */
  bodyLimit?: number;
  version?: string;
  /**
   * The file-server's own folder: uploads in progress live under `<dataDir>/uploads` (their
   * bytes and tus state), and, when no `storage` is passed, finished objects under
   * `<dataDir>/objects`. Default: a `parley-file-server` folder in the OS temp directory.
   */
  dataDir?: string;
  /** Largest single file in bytes (default 1 GiB). */
  maxFileBytes?: number;
  /** Most bytes one user may store, in-progress uploads included (default 10 GiB). */
  userQuotaBytes?: number;
  /** An unfinished upload is deleted this long after its last chunk (default 24 h). */
  uploadTtlSeconds?: number;
  /** How long a download link works (default 5 minutes). */
  linkTtlSeconds?: number;
  /**
   * HMAC key of download links. Set it (FILE_LINK_SECRET) when several file-servers serve one
   * deployment; by default each process makes a random one, so links die with the process.
   */
  linkSecret?: string;
  /** Base URL clients reach this server at, for links; default: taken from each request. */
  publicUrl?: string;
  /** Longer side of image thumbnails in pixels (default 320). */
  thumbnailSize?: number;
}

export interface FileServerDeps {
  /** Attachments, stored objects and who may see them. */
  db: Database;
  /** Verifies login-server's access tokens with its public key; this server cannot mint them. */
  verifier: TokenVerifier;
  logger: Logger;
  config: FileServerConfig;
  /**
   * Where finished files go: `createS3Storage(...)` (MinIO) or `createLocalStorage(...)`.
   * Default: local disk under `<dataDir>/objects`.
   */
  storage?: ObjectStorage;
  /** The clock, in unix ms (tests move it to expire links and uploads). */
  now?: () => number;
}

/** The resolved limits the services work with. */
export interface FileSettings {
  maxFileBytes: number;
  userQuotaBytes: number;
  uploadTtlMs: number;
  linkTtlMs: number;
  thumbnailSize: number;
}

export const DEFAULTS = {
  maxFileBytes: 1024 ** 3,
  userQuotaBytes: 10 * 1024 ** 3,
  uploadTtlSeconds: 24 * 3600,
  linkTtlSeconds: 300,
  thumbnailSize: 320,
} as const;
