/**
 * The file-server as a library: tests and the embedded launcher start it in-process;
 * src/main.ts runs it on its own.
 */
export { createFileServer, type FileServer } from './server/create-file-server.js';
export type { FileServerConfig, FileServerDeps } from './server/context.js';
