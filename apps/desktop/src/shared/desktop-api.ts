/**
 * The contract between Parley's desktop shell and the web app it shows: what the preload
 * exposes as `window.parleyDesktop`. This file has no runtime code and no imports, so the web
 * app can copy or import it as-is; when `window.parleyDesktop` is undefined the page runs in
 * an ordinary browser.
 */

/** A native notification the web app asks for (e.g. a message arrived while unfocused). */
export interface DesktopNotification {
  /** Shown in bold; at most 200 characters are kept. */
  title: string;
  /** At most 1000 characters are kept. */
  body: string;
  /** Clicking the notification opens this conversation (delivered through onDeepLink). */
  conversationId?: number;
  /** No sound (e.g. a muted conversation that still shows a banner). */
  silent?: boolean;
}

/** A place in the app the desktop shell asks the web app to open. */
export interface ConversationLink {
  kind: 'conversation';
  /** A positive safe integer: Parley's conversation id. */
  conversationId: number;
}

/** Every kind of deep link; today only conversations. */
export type DeepLink = ConversationLink;

/** Stops a subscription. */
export type Unsubscribe = () => void;

/** The operating system, as Node names it. */
export type DesktopPlatform = 'darwin' | 'win32' | 'linux';

/**
 * `window.parleyDesktop`, present only inside the desktop app.
 *
 * @example
 * const desktop = window.parleyDesktop;
 * desktop?.setUnreadCount(totalUnread);
 * desktop?.onResume(() => client.reconnectNow());
 * desktop?.onDeepLink((link) => router.push(`/chat/?c=${link.conversationId}`));
 */
export interface ParleyDesktopApi {
  /** Bumped when a member changes meaning; additions keep the number. */
  readonly version: 1;
  readonly platform: DesktopPlatform;
  /** The total unread count for the tray badge, dock and taskbar; 0 clears it. */
  setUnreadCount(count: number): void;
  /** Shows a native notification; the shell drops it while the window is focused. */
  notify(notification: DesktopNotification): void;
  /**
   * Deep links (parley://conversation/ID, notification clicks). Links that arrived before the
   * first subscriber are delivered to it at once.
   */
  onDeepLink(listener: (link: DeepLink) => void): Unsubscribe;
  /** The computer woke from sleep or was unlocked: reconnect now instead of after backoff. */
  onResume(listener: () => void): Unsubscribe;
}

/** What the local first-run page gets as `window.parleySetup` (never the remote web app). */
export interface ParleySetupApi {
  /** The server in use, if one was chosen before. */
  currentServer(): Promise<string | null>;
  /** Checks that `input` is a reachable Parley server without saving it. */
  checkServer(input: string): Promise<ServerCheckResult>;
  /** Checks again, then saves the server and opens it. */
  useServer(input: string): Promise<ServerCheckResult>;
  /** Closes the setup window without changes (only when a server is already set). */
  cancel(): void;
}

/** The outcome of checking a server URL. */
export type ServerCheckResult =
  | { ok: true; origin: string; loginUrl: string; insecure: boolean }
  | { ok: false; reason: ServerCheckFailure; message: string };

/** Why a server URL was refused. */
export type ServerCheckFailure = 'invalid-url' | 'unreachable' | 'timeout' | 'not-parley';
