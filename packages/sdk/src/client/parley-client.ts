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
import { toChatMessage, toDepartmentInfo, toMsgServer, toUserInfo } from '../model/normalize.js';
import type {
  ChatMessage,
  ConversationView,
  MsgServer,
  Session,
  UserInfo,
} from '../model/types.js';
import { Outbox } from '../outbox/outbox.js';
import { ChatStore, type ChatState } from '../store/chat-store.js';
import { findGap } from '../store/find-gap.js';
import { highestSeq, lowestSeq } from '../store/merge-messages.js';
import { ulid } from '../ulid/ulid.js';
import type { ClientEvents } from './events.js';
import { GapRepair } from './gap-repair.js';
import { type ParleyClientOptions, type ResolvedOptions, resolveOptions } from './options.js';
import { ackedMessage, createOutboxHooks, pendingMessage } from './outbox-bridge.js';
import { handlePush } from './push-handler.js';

/** Response bodies by request body. */
interface ResponseOf {
  send: 'sendAck';
  sync: 'syncResult';
  history: 'historyResult';
  markRead: 'markReadResult';
  openDirect: 'conversationResult';
  ping: 'pong';
}

type Body<K extends keyof DecodedFrame> = NonNullable<DecodedFrame[K]>;

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
  private readonly events: TypedEmitter<ClientEvents>;
  private readonly connection: ConnectionManager;
  private readonly gaps: GapRepair;
  private outbox: Outbox | undefined;
  private outboxUser = 0;
  private outboxLoading: Promise<Outbox> | undefined;
  private discoveryCache: { at: number; servers: MsgServer[] } | undefined;
  private syncing: Promise<void> | undefined;
  private syncAgain = false;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(options: ParleyClientOptions) {
    this.options = resolveOptions(options);
    this.events = new TypedEmitter<ClientEvents>();
    this.api = createLoginApi({ baseUrl: this.options.loginUrl, fetch: this.options.fetch });
    this.auth = new AuthSession(this.api, this.options.session ?? null, (s) => this.onSession(s));
    if (this.options.session) this.store.setMe(this.options.session.user);
    this.gaps = new GapRepair(
      this.store,
      (req) => this.call('history', req),
      (err) => this.events.emit('error', asProtocolError(err)),
    );
    this.connection = new ConnectionManager({
      servers: (fresh) => this.servers(fresh),
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
    const response = await this.auth.withToken((t) => this.api.directory(t, since));
    this.store.applyDirectory(
      (response.users ?? []).map(toUserInfo),
      (response.departments ?? []).map(toDepartmentInfo),
      response.version ?? 0,
    );
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
    await this.ensureOutbox();
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
    if (this.syncing) {
      this.syncAgain = true;
      return this.syncing;
    }
    this.syncing = this.runSync().finally(() => {
      this.syncing = undefined;
      if (this.syncAgain) {
        this.syncAgain = false;
        this.sync().catch((err: unknown) => this.events.emit('error', asProtocolError(err)));
      }
    });
    return this.syncing;
  }

  // ---- conversations ------------------------------------------------------------------

  /**
   * Opens (or finds) the direct conversation with a user.
   *
   * @example
   * const chat = await client.openDirect(bob.id);
   */
  async openDirect(userId: number): Promise<ConversationView> {
    const result = await this.call('openDirect', { userId });
    return this.applyConversation(result.state);
  }

  /**
   * Loads older messages of a conversation (when the user scrolls up). Resolves with
   * whether even older ones exist.
   *
   * @example
   * if (atTop && view.hasOlder) await client.loadOlder(view.id);
   */
  async loadOlder(conversationId: number, limit = 50): Promise<boolean> {
    const list = this.store.messagesOf(conversationId);
    const view = this.store.getState().conversations.get(conversationId);
    const beforeSeq = lowestSeq(list) || (view?.lastSeq ?? 0) + 1;
    if (beforeSeq <= 1) return false;
    const result = await this.call('history', { conversationId, beforeSeq, limit });
    const messages = (result.messages ?? []).map(toChatMessage);
    const merged = this.store.addMessages(conversationId, messages);
    const hasMore = result.hasMore ?? false;
    this.store.replaceMessages(conversationId, merged, hasMore);
    return hasMore;
  }

  /**
   * Marks a conversation read up to `seq` (default: its newest message). Read positions
   * only move forward; the server tells the user's other devices and the other members.
   *
   * @example
   * await client.markRead(view.id);
   */
  async markRead(conversationId: number, seq?: number): Promise<void> {
    const view = this.store.getState().conversations.get(conversationId);
    const me = this.store.getState().me;
    const target =
      seq ?? Math.max(view?.lastSeq ?? 0, highestSeq(this.store.messagesOf(conversationId)));
    if (!me || target <= 0 || (view && target <= view.readSeq)) return;
    this.store.applyRead(conversationId, me.id, target);
    const result = await this.call('markRead', { conversationId, seq: target });
    this.store.applyRead(conversationId, me.id, result.readSeq ?? target);
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
   */
  async send(conversationId: number, text: string): Promise<ChatMessage> {
    const me = this.requireMe();
    const outbox = await this.ensureOutbox();
    const entry = {
      clientMsgId: ulid(),
      conversationId,
      senderId: me.id,
      text,
      kind: pb.MessageKind.MESSAGE_KIND_TEXT,
      createdAt: Date.now(),
      status: 'sending' as const,
      attempts: 0,
    };
    const settled = outbox.settled(entry.clientMsgId);
    this.store.addMessages(conversationId, [pendingMessage(entry)]);
    await outbox.add(entry);
    const ack = await settled;
    return ackedMessage(entry, ack);
  }

  /**
   * Sends a failed message again, with its original client_msg_id.
   *
   * @example
   * client.on('messageStatus', (m) => m.status === 'failed' && showRetry(m));
   * await client.retry(message.clientMsgId);
   */
  async retry(clientMsgId: string): Promise<boolean> {
    const outbox = await this.ensureOutbox();
    const entry = outbox.get(clientMsgId);
    if (!entry) return false;
    const message = pendingMessage({ ...entry, status: 'sending' });
    this.store.addMessages(entry.conversationId, [message]);
    this.events.emit('messageStatus', message);
    return outbox.retry(clientMsgId);
  }

  /**
   * Gives up on an unsent message: removes it from the outbox and the state.
   *
   * @example
   * await client.discard(message.clientMsgId);
   */
  async discard(clientMsgId: string): Promise<boolean> {
    const outbox = await this.ensureOutbox();
    const entry = outbox.get(clientMsgId);
    if (!entry) return false;
    await outbox.discard(clientMsgId);
    this.store.removePending(entry.conversationId, clientMsgId);
    return true;
  }

  // ---- internals ----------------------------------------------------------------------

  private async call<K extends keyof ResponseOf>(
    kind: K,
    body: NonNullable<pb.Frame.$Properties[K]>,
  ): Promise<Body<ResponseOf[K]>> {
    const frame = await this.connection.request({ [kind]: body });
    const expected: keyof DecodedFrame = RESPONSES[kind];
    const value = frame[expected] as Body<ResponseOf[K]> | null | undefined;
    if (frame.body !== expected || !value) {
      throw new ProtocolError(
        pb.ErrorCode.ERROR_CODE_INTERNAL,
        `expected ${expected} in answer to ${kind}, got ${String(frame.body)}`,
      );
    }
    return value;
  }

  private async onOpen(): Promise<void> {
    await this.sync();
    for (const [id, list] of this.store.getState().messages) {
      if (findGap(list) !== undefined) void this.gaps.request(id);
    }
    this.outbox?.flush();
    this.loadDirectory().catch((err: unknown) => this.events.emit('error', asProtocolError(err)));
  }

  private async runSync(): Promise<void> {
    const state = this.store.getState();
    const result = await this.call('sync', {
      cursor: state.cursor,
      latestPerConversation: this.options.latestPerConversation,
    });
    const conversations = result.conversations ?? [];
    this.store.applyConversationStates(conversations, result.cursor ?? state.cursor);
    const views = this.store.getState().conversations;
    for (const c of conversations) {
      const view = views.get(c.conversation?.id ?? 0);
      if (view) this.events.emit('conversation', view);
    }
  }

  private applyConversation(
    state: pb.ConversationState.$Properties | null | undefined,
  ): ConversationView {
    const id = state?.conversation?.id ?? 0;
    if (!state || id === 0) {
      throw new ProtocolError(pb.ErrorCode.ERROR_CODE_INTERNAL, 'answer without a conversation');
    }
    this.store.applyConversationStates([state]);
    const view = this.store.getState().conversations.get(id) as ConversationView;
    this.events.emit('conversation', view);
    return view;
  }

  private onPush(frame: DecodedFrame): void {
    handlePush(frame, {
      store: this.store,
      events: this.events,
      repairGap: (id, after) => void this.gaps.request(id, after),
      requestSync: () => {
        this.sync().catch((err: unknown) => this.events.emit('error', asProtocolError(err)));
      },
    });
  }

  private async servers(fresh: boolean): Promise<MsgServer[]> {
    const cached = this.discoveryCache;
    if (!fresh && cached && Date.now() - cached.at < this.options.discoveryTtlMs)
      return cached.servers;
    const response = await this.api.discovery();
    const servers = (response.msgServers ?? []).map(toMsgServer).filter((s) => s.url !== '');
    if (servers.length === 0) {
      throw new ProtocolError(pb.ErrorCode.ERROR_CODE_UNAVAILABLE, 'no msg-server is running');
    }
    this.discoveryCache = { at: Date.now(), servers };
    return servers;
  }

  private ensureOutbox(): Promise<Outbox> {
    const me = this.requireMe();
    if (this.outbox && this.outboxUser === me.id) return Promise.resolve(this.outbox);
    if (this.outboxLoading && this.outboxUser === me.id) return this.outboxLoading;
    this.outboxUser = me.id;
    const outbox = new Outbox(
      this.options.outboxStorage(me.id),
      createOutboxHooks({
        send: (request) => this.call('send', request),
        isOnline: () => this.connection.connected,
        store: this.store,
        events: this.events,
        timers: this.timers,
        ackGapGraceMs: this.options.ackGapGraceMs,
        repairGap: (id) => void this.gaps.request(id),
      }),
      this.options.outbox,
    );
    this.outboxLoading = outbox.load().then((entries) => {
      for (const e of entries) this.store.addMessages(e.conversationId, [pendingMessage(e)]);
      this.outbox = outbox;
      this.outboxLoading = undefined;
      return outbox;
    });
    return this.outboxLoading;
  }

  private requireMe(): UserInfo {
    const me = this.store.getState().me ?? this.auth.current?.user;
    if (!me || me.id === 0) {
      throw new ProtocolError(pb.ErrorCode.ERROR_CODE_UNAUTHENTICATED, 'sign in first');
    }
    return me;
  }

  private onSession(session: Session | null): void {
    this.events.emit('session', session);
  }

  private endSession(): void {
    this.stopTimers();
    this.connection.stop('signedOut');
    this.auth.clear();
    this.outbox = undefined;
    this.outboxLoading = undefined;
    this.outboxUser = 0;
    this.store.reset(undefined);
  }

  private stopTimers(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}

const RESPONSES: { [K in keyof ResponseOf]: ResponseOf[K] } = {
  send: 'sendAck',
  sync: 'syncResult',
  history: 'historyResult',
  markRead: 'markReadResult',
  openDirect: 'conversationResult',
  ping: 'pong',
};

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
