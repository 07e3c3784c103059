/**
 * The client's way to the file-server: its URL (from discovery), the current access token,
 * and short-lived download links, cached until shortly before they expire so a list of
 * thumbnails does not ask once per render.
 */
import { ProtocolError, pb } from '@parley/proto';

import type { FetchLike } from '../http/login-api.js';
import {
  createFileServerApi,
  toAttachmentInfo,
  type FileServerApi,
} from '../upload/file-server-api.js';
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
  private api: Promise<FileServerApi> | undefined;
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
    return this.cached(`f${attachmentId}`, async (api) => api.link(attachmentId));
  }

  /**
   * Signed links to a user's avatar (original and thumbnail-size). Rejects with NOT_FOUND
   * when the user has no avatar.
   *
   * @example
   * img.src = (await files.avatarLink(user.id)).thumbnailUrl;
   */
  avatarLink(userId: number): Promise<FileLinks> {
    return this.cached(`a${userId}`, async (api) => api.avatarLink(userId));
  }

  /** Forgets cached links (sign-out). */
  clear(): void {
    this.links.clear();
  }

  private cached(key: string, fetchLink: (api: FileServerApi) => Promise<pb.FileLink>) {
    const existing = this.links.get(key);
    if (existing) return existing;
    const loading = this.apiOf()
      .then(fetchLink)
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

  private apiOf(): Promise<FileServerApi> {
    this.api ??= this.url().then(
      (baseUrl) => {
        if (!baseUrl) {
          throw new ProtocolError(pb.ErrorCode.ERROR_CODE_UNAVAILABLE, 'no file-server configured');
        }
        return createFileServerApi({ baseUrl, token: () => this.token(), fetch: this.fetch });
      },
      (err: unknown) => {
        this.api = undefined;
        throw err;
      },
    );
    return this.api;
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
