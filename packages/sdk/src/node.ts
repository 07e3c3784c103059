/**
 * @parley/sdk/node: what only Node and Electron can run (file system access). Kept out of the
 * main entry so browser bundles never pull in Node built-ins.
 *
 * @example
 * import { createParleyClient } from '@parley/sdk';
 * import { createFileOutboxStorage } from '@parley/sdk/node';
 *
 * const client = createParleyClient({
 *   loginUrl: 'http://localhost:3001',
 *   outboxStorage: (userId) => createFileOutboxStorage(`./data/outbox-${userId}.json`),
 * });
 */
export { createFileOutboxStorage } from './outbox/fs-outbox-storage.js';
