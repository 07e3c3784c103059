import { open, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** One tus upload: who sends it, how long it is, how far it got. */
export interface UploadState {
  /** 32 hex digits, made by this server. */
  id: string;
  ownerId: number;
  /** Upload-Length: the declared size in bytes. */
  length: number;
  /** Bytes confirmed so far (durably on disk). */
  offset: number;
  /** Sanitised display name (from the filename metadata). */
  name: string;
  /** The client's Upload-Metadata header, echoed back on HEAD as tus asks. */
  metadata: string;
  createdAt: number;
  /** Unix ms after which an unfinished upload is deleted. */
  expiresAt: number;
  /** Set once the upload became an attachment. */
  attachmentId: number | null;
}

const ID = /^[0-9a-f]{32}$/;

/** True for ids this server could have made; anything else never reaches the file system. */
export function isUploadId(id: string): boolean {
  return ID.test(id);
}

/**
 * Uploads in progress, kept beside their bytes: `<dir>/<id>.part` holds the bytes received and
 * `<id>.json` the state. The state is replaced atomically (write, fsync, rename), so after a
 * crash or restart it names an offset whose bytes are on disk. The state lives on this node's
 * disk, like the bytes, rather than in Postgres: a row whose bytes are on another machine could
 * not be resumed anyway (see the file-server README).
 *
 * One file-server process owns a folder; the index of states is kept in memory.
 */
export interface UploadStore {
  init(): Promise<void>;
  get(id: string): UploadState | null;
  /** Every known upload (for quotas and expiry sweeps). */
  all(): UploadState[];
  /** Records a new upload and its empty part file. */
  create(state: UploadState): Promise<void>;
  save(state: UploadState): Promise<void>;
  /** Forgets the upload and deletes its bytes. */
  remove(id: string): Promise<void>;
  /** Deletes only the bytes (after they became a stored object). */
  removePart(id: string): Promise<void>;
  partPath(id: string): string;
}

export function createUploadStore(dir: string): UploadStore {
  const root = resolve(dir);
  const index = new Map<string, UploadState>();
  const pathOf = (id: string, ext: string) => {
    if (!isUploadId(id)) throw new Error(`invalid upload id ${JSON.stringify(id)}`);
    return join(root, `${id}${ext}`);
  };
  const writeState = async (state: UploadState) => {
    const tmp = pathOf(state.id, '.json.tmp');
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(JSON.stringify(state));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, pathOf(state.id, '.json'));
  };

  return {
    async init() {
      await mkdir(root, { recursive: true });
      index.clear();
      for (const file of await readdir(root)) {
        const id = file.slice(0, -'.json'.length);
        if (!file.endsWith('.json') || !isUploadId(id)) continue;
        try {
          const state = JSON.parse(await readFile(join(root, file), 'utf8')) as UploadState;
          if (state.id === id) index.set(id, state);
        } catch {
          // A state file that does not parse was never renamed into place whole: skip it.
        }
      }
    },
    get(id) {
      return isUploadId(id) ? (index.get(id) ?? null) : null;
    },
    all() {
      return [...index.values()];
    },
    async create(state) {
      await writeFile(pathOf(state.id, '.part'), new Uint8Array(0), { flag: 'wx' });
      await writeState(state);
      index.set(state.id, { ...state });
    },
    async save(state) {
      await writeState(state);
      index.set(state.id, { ...state });
    },
    async remove(id) {
      index.delete(id);
      await rm(pathOf(id, '.json'), { force: true });
      await rm(pathOf(id, '.part'), { force: true });
    },
    async removePart(id) {
      await rm(pathOf(id, '.part'), { force: true });
    },
    partPath(id) {
      return pathOf(id, '.part');
    },
  };
}
