/**
 * The client's way to the file-server: its URL (from discovery), the current access token,
 * and short-lived download links, cached until shortly before they expire so a list of
 * thumbnails does not ask once per render.
 */
import { ProtocolError, pb } from '@parley/proto';

import { networkError } from '../errors/client-errors.js';
import type { FetchLike } from '../http/login-api.js';
import { toAttachmentInfo } from '../upload/attachment-info.js';
import { errorOf } from '../http/http-errors.js';
import type { AttachmentInfo } from '../upload/types.js';

/** Signed download URLs; they need no header, so they work in `<img>` and plain links. */
export interface FileLinks {
  /** The original bytes. */
  url: string;
  /** A small WebP preview ('' when there is none). */
  thumbnailUrl: string;
  /** Unix ms after which the URLs stop working. */
  expiresAt: number;
  /** The attachment's metadata (absent for avatars). */
  attachment?: AttachmentInfo;
}

/** What FileAccess needs from the client. */
export interface FileAccessDeps {
  /** The file-server origin (discovery's file_server_url). */
  fileServerUrl(): Promise<string>;
  accessToken(): Promise<string>;
  fetch?: FetchLike | undefined;
  now?: () => number;
}

/** A link is handed out only while it has at least this long to live. */
const MIN_REMAINING_MS = 60_000;

/**
 * File-server access for one client.
 *
 * @example
 * const files = new FileAccess({ fileServerUrl: () => discoveryUrl(), accessToken: () => auth.accessToken() });
 * const { thumbnailUrl } = await files.link(attachment.id);
 */
export class FileAccess {
  private readonly links = new Map<string, Promise<FileLinks>>();
  private readonly now: () => number;

  constructor(private readonly deps: FileAccessDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** The file-server origin (asks discovery once; again after a failure). */
  url(): Promise<string> {
    return this.deps.fileServerUrl();
  }

  token(): Promise<string> {
    return this.deps.accessToken();
  }

  get fetch(): FetchLike {
    return this.deps.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  /**
   * Signed links to an attachment's original and thumbnail. Rejects with FORBIDDEN when the
   * user may not see it, NOT_FOUND when it does not exist.
   *
   * @example
   * img.src = (await files.link(a.id)).thumbnailUrl;
   */
  link(attachmentId: number): Promise<FileLinks> {
    return this.cached(`f${attachmentId}`, `/v1/files/${attachmentId}/link`);
  }

  /**
   * Signed links to a user's avatar (original and thumbnail-size). Rejects with NOT_FOUND
   * when the user has no avatar.
   *
   * @example
   * img.src = (await files.avatarLink(user.id)).thumbnailUrl;
   */
  avatarLink(userId: number): Promise<FileLinks> {
    return this.cached(`a${userId}`, `/v1/avatars/${userId}/link`);
  }

  /** Forgets cached links (sign-out). */
  clear(): void {
    this.links.clear();
  }

  private cached(key: string, path: string) {
    const existing = this.links.get(key);
    if (existing) return existing;
    const loading = this.post(path)
      .then((link) => toFileLinks(link))
      .then(
        (links) => {
          // Dropped from the cache shortly before it expires: the next call asks again.
          const ttl = Math.max(0, links.expiresAt - this.now() - MIN_REMAINING_MS);
          const timer = setTimeout(() => {
            if (this.links.get(key) === loading) this.links.delete(key);
          }, ttl);
          (timer as { unref?: () => void }).unref?.();
          return links;
        },
        (err: unknown) => {
          this.links.delete(key);
          throw err;
        },
      );
    this.links.set(key, loading);
    return loading;
  }

  /** POST `path` on the file-server (authenticated, empty body) for a pb.FileLink. */
  private async post(path: string): Promise<pb.FileLink> {
    const base = await this.url();
    if (!base) {
      throw new ProtocolError(pb.ErrorCode.ERROR_CODE_UNAVAILABLE, 'no file-server configured');
    }
    let response: Response;
    try {
      response = await this.fetch(`${base.replace(/\/+$/, '')}${path}`, {
        method: 'POST',
        headers: {
          Accept: 'application/x-protobuf',
          Authorization: `Bearer ${await this.token()}`,
        },
      });
    } catch (err) {
      throw networkError(err);
    }
    if (!response.ok) throw await errorOf(response);
    return pb.FileLink.decode(new Uint8Array(await response.arrayBuffer()));
  }
}

function toFileLinks(link: pb.FileLink): FileLinks {
  const links: FileLinks = {
    url: link.url,
    thumbnailUrl: link.thumbnailUrl,
    expiresAt: Number(link.expiresAt),
  };
  if (link.attachment) links.attachment = toAttachmentInfo(link.attachment);
  return links;
}
