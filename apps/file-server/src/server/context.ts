import type { Database } from '@parley/db';
import type { Logger, TokenVerifier } from '@parley/server-kit';

/** Settings of one file-server. */
export interface FileServerConfig {
  /** Interface to listen on (default 0.0.0.0). */
  host?: string;
  /** 0 lets the OS choose (tests). */
  port: number;
  corsOrigins?: string[] | boolean;
  trustProxy?: boolean;
  /** Largest non-upload request body in bytes (default 64 KiB). */
  bodyLimit?: number;
  version?: string;
}

export interface FileServerDeps {
  /** Not used yet: uploads and authorised downloads (next step) record and check files here. */
  db: Database;
  /** Verifies login-server's access tokens with its public key; this server cannot mint them. */
  verifier: TokenVerifier;
  logger: Logger;
  config: FileServerConfig;
}
