/**
 * The file-server as a library: tests and the embedded launcher start it in-process;
 * src/main.ts runs it on its own.
 */
export { createFileServer, type FileServer } from './server/create-file-server.js';
export type { FileServerConfig, FileServerDeps } from './server/context.js';
export { createLocalStorage } from './storage/local-storage.js';
export { createS3Storage, type S3StorageOptions } from './storage/s3-storage.js';
export {
  ObjectNotFoundError,
  type ByteRange,
  type DirectLinkOptions,
  type ObjectStorage,
  type PutInfo,
} from './storage/object-storage.js';
