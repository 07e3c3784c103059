/**
 * ParleyClient: the one object apps, bots, tests and benchmarks use. It signs in over HTTP,
 * keeps a connection to a msg-server, catches up with one sync after every (re)connect,
 * sends through a persistent outbox, and exposes everything as an immutable state snapshot
 * plus typed events.
 */
import { ProtocolError, pb, type DecodedFrame } from '@parley/proto';

import { ConnectionManager } from '../connection/connection-manager.js';
import { asProtocolError } from '../errors/client-errors.js';
import { TypedEmitter } from '../events/typed-emitter.js';
import { AuthSession } from '../http/auth-session.js';
import { createLoginApi, type LoginApi } from '../http/login-api.js';
import { toDepartmentInfo, toUserInfo } from '../model/normalize.js';
import type { ChatMessage, ConversationView, Session, UserInfo } from '../model/types.js';
import { ChatStore, type ChatState } from '../store/chat-store.js';
import { ClientFiles } from '../files/client-files.js';
import type { FileLinks } from '../files/file-access.js';
import type { FileBytes } from '../files/attachment-uploads.js';
import type { OutgoingFile, SendFilesOptions } from '../files/send-files.js';
import { findGap } from '../store/find-gap.js';
import {
  hideMessage,
  reactToMessage,
  setConversationFlag,
  type OwnActionContext,
} from '../conversations/own-actions.js';
import {
  loadOlderMessages,
  markConversationRead,
  openDirectConversation,
  type ConversationContext,
} from './conversation-ops.js';
import { DiscoveryCache } from './discovery-cache.js';
import type { ClientEvents } from './events.js';
import { GapRepair } from './gap-repair.js';
import { type ParleyClientOptions, type ResolvedOptions, resolveOptions } from './options.js';
import { discardMessage, retryMessage, sendText, type MessageContext } from './message-ops.js';
import { createOutboxHooks } from './outbox-bridge.js';
import { handlePush } from './push-handler.js';
import { SyncRunner } from './sync-runner.js';
import { createTypedCall, type TypedCall } from './typed-call.js';
import { UserOutbox } from './user-outbox.js';

/** Guards against a server that never ends a listing: 1000 pages of 500 users. */
const MAX_DIRECTORY_PAGES = 1000;

/**
 * A Parley client. Create it with createParleyClient.
 *
 * @example
 * const client = createParleyClient({ loginUrl: 'http://localhost:3001' });
 * await client.signIn('alice', 'secret');
 * await client.connect();
 * const chat = await client.openDirect(bobId);
 * await client.send(chat.id, 'hello');
 */
export class ParleyClient {
  /**
   * The login-server HTTP API (raw calls, no token handling).
   *
   * @example
   * const { msgServers } = await client.api.discovery();
   */
  readonly api: LoginApi;
  private readonly options: ResolvedOptions;
  private readonly auth: AuthSession;
  private readonly store = new ChatStore();
  private readonly events = new TypedEmitter<ClientEvents>();
  private readonly connection: ConnectionManager;
  private readonly call: TypedCall;
  private readonly gaps: GapRepair;
  private readonly syncer: SyncRunner;
  private readonly outboxes: UserOutbox;
  private readonly files: ClientFiles;
  /** Timers cleared on close (retry pauses, gap checks after acks). */
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(options: ParleyClientOptions) {
    this.options = resolveOptions(options);
    this.api = createLoginApi({ baseUrl: this.options.loginUrl, fetch: this.options.fetch });
    this.auth = new AuthSession(this.api, this.options.session ?? null, (s) =>
      this.events.emit('session', s),
    );
    if (this.options.session) this.store.setMe(this.options.session.user);
    const discovery = new DiscoveryCache(this.api, this.options.discoveryTtlMs);
    this.connection = new ConnectionManager({
      servers: (fresh) => discovery.servers(fresh),
      accessToken: () => this.auth.accessToken(),
      refreshToken: async (stale) => {
        await this.auth.refresh(stale);
      },
      socketFactory: this.options.socketFactory,
      transports: this.options.transports,
      connectTimeoutMs: this.options.connectTimeoutMs,
      requestTimeoutMs: this.options.requestTimeoutMs,
      backoff: this.options.backoff,
      onPush: (frame) => this.onPush(frame),
      onOpen: () => this.onOpen(),
      onStatus: (status, server) => {
        const before = this.store.getState().connection;
        this.store.setConnection(status, server);
        if (before !== status) this.events.emit('connection', status);
      },
      onSessionEnded: () => this.endSession(),
      onError: (err) => this.events.emit('error', err),
    });
    this.call = createTypedCall((frame) => this.connection.request(frame));
    this.gaps = new GapRepair(
      this.store,
      (req) => this.call('history', req),
      (err) => this.reportError(err),
    );
    this.syncer = new SyncRunner(
      this.call,
      this.store,
      this.events,
      this.options.latestPerConversation,
    );
    this.files = new ClientFiles({
      discovery: () => this.api.discovery(),
      accessToken: () => this.auth.accessToken(),
      fetch: this.options.fetch,
      store: this.store,
      outbox: () => this.outboxes.current,
      fileStore: () => this.outboxes.currentFiles,
      onStoreError: (err) => this.reportError(err),
    });
    this.outboxes = new UserOutbox(
      this.options.outboxStorage,
      this.files.uploads.wrap(
        createOutboxHooks({
          send: (request) => this.call('send', request),
          isOnline: () => this.connection.connected,
          store: this.store,
          events: this.events,
          timers: this.timers,
          ackGapGraceMs: this.options.ackGapGraceMs,
          repairGap: (id) => void this.gaps.request(id),
        }),
      ),
      this.options.outbox,
      this.store,
      this.options.outboxFiles,
    );
  }

  // ---- state and events -------------------------------------------------------------

  /**
   * The current state snapshot; a new object after every change.
   *
   * @example
   * const { conversationList, messages } = client.getState();
   */
  getState = (): ChatState => this.store.getState();

  /**
   * Calls `listener` after every state change; returns the unsubscribe function. Works with
   * React's useSyncExternalStore(client.subscribe, client.getState).
   *
   * @example
   * const off = client.subscribe(() => render(client.getState()));
   */
  subscribe = (listener: () => void): (() => void) => this.store.subscribe(listener);

  /**
   * Listens to one event; returns the function that stops listening.
   *
   * @example
   * const off = client.on('message', (m) => notify(m.text));
   */
  on<K extends keyof ClientEvents>(
    event: K,
    listener: (payload: ClientEvents[K]) => void,
  ): () => void {
    return this.events.on(event, listener);
  }

  /**
   * The current session (tokens and user), or null when signed out.
   *
   * @example
   * const myId = client.session?.user.id;
   */
  get session(): Session | null {
    return this.auth.current;
  }

  // ---- session ------------------------------------------------------------------------

  /**
   * Signs in and keeps the session. Fails with ProtocolError (INVALID_CREDENTIALS,
   * ACCOUNT_LOCKED with retryAfterMs, RATE_LIMITED, UNAVAILABLE when unreachable).
   *
   * @example
   * try {
   *   await client.signIn('alice', 'secret');
   * } catch (err) {
   *   if (err instanceof ProtocolError && err.code === ErrorCode.ERROR_CODE_INVALID_CREDENTIALS) showWrongPassword();
   * }
   */
  async signIn(login: string, password: string): Promise<Session> {
    const previous = this.auth.current?.user.id;
    const session = await this.auth.signIn(
      login,
      password,
      this.options.deviceKind,
      this.options.deviceName,
    );
    if (previous !== session.user.id) this.store.reset(session.user);
    else this.store.setMe(session.user);
    return session;
  }

  /**
   * Ends the session on the server (best effort) and locally: disconnects, forgets state.
   *
   * @example
   * await client.signOut();
   */
  async signOut(): Promise<void> {
    const session = this.auth.current;
    this.close();
    if (session) {
      await this.api.signOut(session.accessToken).catch(() => undefined);
    }
    this.endSession();
  }

  /**
   * Refreshes the access token now (normally automatic).
   *
   * @example
   * const session = await client.refresh();
   */
  refresh(): Promise<Session> {
    return this.auth.refresh();
  }

  /**
   * The signed-in user's profile from the server (also updates the state's `me`).
   *
   * @example
   * const me = await client.me();
   */
  async me(): Promise<UserInfo> {
    const response = await this.auth.withToken((t) => this.api.me(t));
    const user = toUserInfo(response.user);
    this.store.setMe(user);
    return user;
  }

  /**
   * Fetches directory changes since the last call (everything the first time) into the state.
   *
   * @example
   * await client.loadDirectory();
   * const people = [...client.getState().users.values()];
   */
  async loadDirectory(): Promise<void> {
    const since = this.store.getState().directoryVersion;
    let cursor = '';
    // Large directories come in pages; the version to resume from is on the last one only.
    for (let page = 0; page < MAX_DIRECTORY_PAGES; page++) {
      const response = await this.auth.withToken((t) => this.api.directory(t, since, cursor));
      cursor = response.nextCursor ?? '';
      this.store.applyDirectory(
        (response.users ?? []).map(toUserInfo),
        (response.departments ?? []).map(toDepartmentInfo),
        cursor === '' ? (response.version ?? 0) : 0,
      );
      if (cursor === '') return;
    }
  }

  // ---- connection ---------------------------------------------------------------------

  /**
   * Starts the connection (and keeps it up until close()). Resolves the first time the
   * client is online and synced; rejects if the session ends first.
   *
   * @example
   * await client.connect();
   */
  async connect(): Promise<void> {
    if (!this.auth.current) {
      throw new ProtocolError(pb.ErrorCode.ERROR_CODE_UNAUTHENTICATED, 'sign in first');
    }
    await this.outboxes.forUser(this.requireMe().id);
    const online = new Promise<void>((resolve, reject) => {
      if (this.store.getState().connection === 'online') {
        resolve();
        return;
      }
      const off = this.events.on('connection', (status) => {
        if (status === 'online') {
          off();
          resolve();
        } else if (status === 'signedOut') {
          off();
          reject(new ProtocolError(pb.ErrorCode.ERROR_CODE_UNAUTHENTICATED, 'session ended'));
        }
      });
    });
    this.connection.start();
    return online;
  }

  /**
   * Stops the connection and all retries. Pending messages stay in the outbox.
   *
   * @example
   * client.close();
   */
  close(): void {
    this.stopTimers();
    this.connection.stop();
  }

  /**
   * Retries the connection now instead of waiting out the backoff (call it when the
   * platform reports the network is back, e.g. the browser's `online` event).
   *
   * @example
   * window.addEventListener('online', () => client.reconnectNow());
   */
  reconnectNow(): void {
    this.connection.wake();
  }

  /**
   * Sends one request frame and returns the response frame. Prefer the typed methods; this is
   * for tools and tests. Rejects with the server's ProtocolError, or UNAVAILABLE when offline
   * or on timeout.
   *
   * @example
   * const frame = await client.request({ ping: {} }); // frame.pong.serverTime
   */
  request(frame: pb.Frame.$Properties, timeoutMs?: number): Promise<DecodedFrame> {
    return this.connection.request(frame, timeoutMs);
  }

  /**
   * Round-trip time to the msg-server in ms, and the server's clock.
   *
   * @example
   * const { rttMs } = await client.ping();
   */
  async ping(): Promise<{ rttMs: number; serverTime: number }> {
    const started = Date.now();
    const pong = await this.call('ping', {});
    return { rttMs: Date.now() - started, serverTime: pong.serverTime ?? 0 };
  }

  /**
   * Catches up with the server: every conversation changed since the cursor, in one round
   * trip. Runs by itself after every (re)connect; concurrent calls share one request.
   *
   * @example
   * await client.sync();
   */
  sync(): Promise<void> {
    return this.syncer.sync();
  }

  // ---- conversations ------------------------------------------------------------------

  /**
   * Opens (or finds) the direct conversation with a user.
   *
   * @example
   * const chat = await client.openDirect(bob.id);
   */
  openDirect(userId: number): Promise<ConversationView> {
    return openDirectConversation(this.conversationContext(), userId);
  }

  /**
   * Loads older messages of a conversation (when the user scrolls up). Resolves with
   * whether even older ones exist.
   *
   * @example
   * if (atTop && view.hasOlder) await client.loadOlder(view.id);
   */
  loadOlder(conversationId: number, limit = 50): Promise<boolean> {
    return loadOlderMessages(this.conversationContext(), conversationId, limit);
  }

  /**
   * Marks a conversation read up to `seq` (default: its newest message). Read positions
   * only move forward; the server tells the user's other devices and the other members.
   *
   * @example
   * await client.markRead(view.id);
   */
  markRead(conversationId: number, seq?: number): Promise<void> {
    const me = this.store.getState().me;
    if (!me) return Promise.resolve();
    return markConversationRead(this.conversationContext(), me.id, conversationId, seq);
  }

  /**
   * Tells the other members that the user is typing (call at most every few seconds).
   * Best effort: dropped while offline.
   *
   * @example
   * input.addEventListener('input', throttle(() => client.typing(view.id), 3000));
   */
  typing(conversationId: number): void {
    // Fire and forget (rid 0): the server sends no answer to a typing notice.
    this.connection.notify({ typing: { conversationId } });
  }

  // ---- messages -----------------------------------------------------------------------

  /**
   * Sends a text message. It shows at once as `sending`, is kept in the outbox until the
   * server acknowledges it (surviving reconnects and reloads), and is retried with the same
   * client_msg_id, so it is stored once. Resolves with the sent message; rejects with a
   * ProtocolError when it failed for good (then it is `failed` in the state; see retry()).
   *
   * @example
   * const sent = await client.send(chat.id, 'hello'); // sent.seq > 0
   * await client.send(chat.id, 'agreed', { replyTo: original.id });
   */
  async send(
    conversationId: number,
    text: string,
    options?: { replyTo?: number },
  ): Promise<ChatMessage> {
    const me = this.requireMe();
    return sendText(await this.messageContext(), me.id, conversationId, text, options);
  }

  /**
   * Sends a failed message again, with its original client_msg_id.
   *
   * @example
   * client.on('messageStatus', (m) => m.status === 'failed' && showRetry(m));
   * await client.retry(message.clientMsgId);
   */
  async retry(clientMsgId: string): Promise<boolean> {
    return retryMessage(await this.messageContext(), clientMsgId);
  }

  /**
   * Gives up on an unsent message: removes it from the outbox and the state.
   *
   * @example
   * await client.discard(message.clientMsgId);
   */
  async discard(clientMsgId: string): Promise<boolean> {
    const discarded = await discardMessage(await this.messageContext(), clientMsgId);
    await this.files.uploads.cancel(clientMsgId); // after: the pump must not retry it
    return discarded;
  }

  // ---- files (logic in ../files) ---------------------------------------------------------

  /**
   * Sends an image or file message: shows at once as `sending` (attachments with id 0,
   * progress in `message.upload`), uploads the files over tus, then sends the message.
   * Cancel with discard(); pause with pauseUpload().
   *
   * @example
   * await client.sendFiles(chat.id, [{ file: input.files[0] }], { text: 'the plan' });
   */
  async sendFiles(
    conversationId: number,
    files: readonly OutgoingFile[],
    options?: SendFilesOptions,
  ): Promise<ChatMessage> {
    const me = this.requireMe();
    const ctx = await this.messageContext();
    const { sendFiles } = await import('../files/send-files.js'); // loaded on first use
    return sendFiles(ctx, this.files.uploads, me.id, conversationId, files, options);
  }

  /**
   * Retries a file message with its files' bytes again (they are not kept across reloads);
   * finished uploads are not repeated and an unfinished one continues where it stopped.
   *
   * @example
   * await client.retryWithFiles(message.clientMsgId, [file]);
   */
  async retryWithFiles(clientMsgId: string, files: readonly FileBytes[]): Promise<boolean> {
    const { retryWithFiles } = await import('../files/send-files.js');
    return retryWithFiles(await this.messageContext(), this.files.uploads, clientMsgId, files);
  }

  /**
   * Pauses (or resumes) the upload of a sending file message; false if none runs.
   *
   * @example
   * client.pauseUpload(message.clientMsgId);
   */
  pauseUpload(clientMsgId: string, paused = true): boolean {
    return paused ? this.files.uploads.pause(clientMsgId) : this.files.uploads.resume(clientMsgId);
  }

  /**
   * Short-lived signed links to an attachment's original and thumbnail (cached until shortly
   * before they expire). Usable in `<img src>` and download links without headers.
   *
   * @example
   * img.src = (await client.fileLink(message.attachments[0].id)).thumbnailUrl;
   */
  fileLink(attachmentId: number): Promise<FileLinks> {
    return this.files.access.link(attachmentId);
  }

  /**
   * Short-lived signed links to a user's avatar (original and thumbnail size); rejects with
   * NOT_FOUND when the user has none.
   *
   * @example
   * img.src = (await client.avatarLink(user.id)).thumbnailUrl;
   */
  avatarLink(userId: number): Promise<FileLinks> {
    return this.files.access.avatarLink(userId);
  }

  /**
   * Makes `image` the signed-in user's avatar (uploaded first; null removes it) and updates
   * `me` in the state. Rejects with UNSUPPORTED when the server does not see an image.
   *
   * @example
   * await client.setAvatar(input.files[0], input.files[0].name);
   */
  async setAvatar(image: FileBytes | null, name?: string): Promise<UserInfo> {
    const deps = { files: this.files.access, loginUrl: this.options.loginUrl };
    const { setAvatar } = await import('../files/set-avatar.js');
    const me = await setAvatar(deps, image, name);
    this.store.setMe(me);
    return me;
  }

  /**
   * Adds (or with `remove`, takes back) the user's emoji on a message; shows at once, and
   * every member sees it live. Resolves with the message as the server has it.
   *
   * @example
   * await client.react(message.conversationId, message.seq, '👍');
   */
  react(conversationId: number, seq: number, emoji: string, remove = false): Promise<ChatMessage> {
    return reactToMessage(this.ownActions(), conversationId, seq, emoji, remove);
  }

  /**
   * "Delete for me": hides a message from the user only, on all of their devices.
   *
   * @example
   * await client.hideMessage(message.conversationId, message.seq);
   */
  hideMessage(conversationId: number, seq: number): Promise<void> {
    return hideMessage(this.ownActions(), conversationId, seq);
  }

  /**
   * Mutes (or unmutes) a conversation for the user, on all of their devices (`view.muted`).
   *
   * @example
   * await client.setMuted(view.id, true);
   */
  setMuted(conversationId: number, muted: boolean): Promise<void> {
    return setConversationFlag(this.ownActions(), conversationId, 'muted', muted);
  }

  /**
   * Pins (or unpins) a conversation for the user: pinned ones lead `conversationList`.
   *
   * @example
   * await client.setPinned(view.id, true);
   */
  setPinned(conversationId: number, pinned: boolean): Promise<void> {
    return setConversationFlag(this.ownActions(), conversationId, 'pinned', pinned);
  }

  // ---- internals ----------------------------------------------------------------------

  private ownActions(): OwnActionContext {
    return {
      store: this.store,
      events: this.events,
      request: (frame) => this.connection.request(frame),
      meId: () => this.requireMe().id,
    };
  }

  private async onOpen(): Promise<void> {
    await this.syncer.sync();
    for (const [id, list] of this.store.getState().messages) {
      if (findGap(list) !== undefined) void this.gaps.request(id);
    }
    this.outboxes.current?.flush();
    this.loadDirectory().catch((err: unknown) => this.reportError(err));
  }

  private conversationContext(): ConversationContext {
    return { store: this.store, call: this.call, events: this.events };
  }

  private async messageContext(): Promise<MessageContext> {
    const outbox = await this.outboxes.forUser(this.requireMe().id);
    return { store: this.store, events: this.events, outbox };
  }

  private onPush(frame: DecodedFrame): void {
    handlePush(frame, {
      store: this.store,
      events: this.events,
      repairGap: (id, after) => void this.gaps.request(id, after),
      requestSync: () => {
        this.sync().catch((err: unknown) => this.reportError(err));
      },
    });
  }

  private requireMe(): UserInfo {
    const me = this.store.getState().me ?? this.auth.current?.user;
    if (!me || me.id === 0) {
      throw new ProtocolError(pb.ErrorCode.ERROR_CODE_UNAUTHENTICATED, 'sign in first');
    }
    return me;
  }

  private endSession(): void {
    this.stopTimers();
    this.connection.stop('signedOut');
    this.auth.clear();
    this.outboxes.reset();
    this.files.access.clear();
    this.store.reset(undefined);
  }

  private reportError(err: unknown): void {
    this.events.emit('error', asProtocolError(err));
  }

  private stopTimers(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}

/**
 * Creates a client. Nothing happens on the network until signIn() or connect().
 *
 * @example
 * const client = createParleyClient({
 *   loginUrl: 'http://localhost:3001',
 *   session: JSON.parse(localStorage.getItem('parley.session') ?? 'null'),
 * });
 * client.on('session', (s) => localStorage.setItem('parley.session', JSON.stringify(s)));
 * if (client.session) void client.connect();
 */
export function createParleyClient(options: ParleyClientOptions): ParleyClient {
  return new ParleyClient(options);
}
