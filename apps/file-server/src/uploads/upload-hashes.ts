import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/**
 * The running sha256 of each upload, so finishing a 1 GiB upload does not read it again. Node
 * cannot persist a hash state, so after a restart (or when the cached state is not at the
 * upload's offset) the hash is rebuilt once from the bytes on disk.
 */
export class UploadHashes {
  private readonly states = new Map<string, { offset: number; hash: Hash }>();

  /** A hash of the first `offset` bytes of `partPath`, to be continued by the caller. */
  async at(id: string, partPath: string, offset: number): Promise<Hash> {
    const cached = this.states.get(id);
    if (cached && cached.offset === offset) return cached.hash.copy();
    const hash = createHash('sha256');
    if (offset > 0) {
      for await (const chunk of createReadStream(partPath, { start: 0, end: offset - 1 })) {
        hash.update(chunk as Buffer);
      }
    }
    return hash;
  }

  /** Remembers `hash` as the state after `offset` bytes (once those bytes are confirmed). */
  set(id: string, offset: number, hash: Hash): void {
    this.states.set(id, { offset, hash });
  }

  forget(id: string): void {
    this.states.delete(id);
  }
}
