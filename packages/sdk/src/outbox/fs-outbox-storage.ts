/**
 * Outbox persistence in a JSON file, for Node and Electron (bots, the desktop main process):
 * unsent messages survive a crash or a restart. Node built-ins only here, reached through the
 * `@parley/sdk/node` entry, so browser bundles never see them.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

import { isOutboxEntry, type OutboxEntry, type OutboxStorage } from './outbox-storage.js';

/**
 * Keeps one user's entries in the file at `path` (its folder is created). Every change
 * rewrites the file through a temporary file and a rename, so a crash mid-write leaves the
 * old or the new contents, never half of either; changes are applied one at a time in call
 * order. A missing or corrupt file reads as empty (a corrupt one must not stop the app).
 *
 * @example
 * import { createFileOutboxStorage } from '@parley/sdk/node';
 * const client = createParleyClient({
 *   loginUrl,
 *   outboxStorage: (userId) => createFileOutboxStorage(`./data/outbox-${userId}.json`),
 * });
 */
export function createFileOutboxStorage(path: string): OutboxStorage {
  let entries: Map<string, OutboxEntry> | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  const read = async (): Promise<Map<string, OutboxEntry>> => {
    if (entries) return entries;
    let parsed: unknown = [];
    try {
      parsed = JSON.parse(await readFile(path, 'utf8')) as unknown;
    } catch {
      parsed = []; // missing (first run) or corrupt
    }
    const list = Array.isArray(parsed) ? parsed.filter(isOutboxEntry) : [];
    entries = new Map(list.map((e) => [e.clientMsgId, e]));
    return entries;
  };

  const write = async (current: Map<string, OutboxEntry>): Promise<void> => {
    if (current.size === 0) {
      await rm(path, { force: true });
      return;
    }
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify([...current.values()]), 'utf8');
    await rename(temporary, path);
  };

  /** Runs `change` after every earlier one, so writes land in call order. */
  const serially = <T>(change: () => Promise<T>): Promise<T> => {
    const run = queue.then(change, change);
    queue = run.catch(() => undefined);
    return run;
  };

  return {
    load: () => serially(async () => [...(await read()).values()].map((e) => structuredClone(e))),
    save: (entry) =>
      serially(async () => {
        const current = await read();
        current.set(entry.clientMsgId, structuredClone(entry));
        await write(current);
      }),
    remove: (clientMsgId) =>
      serially(async () => {
        const current = await read();
        if (!current.delete(clientMsgId)) return;
        await write(current);
      }),
  };
}
