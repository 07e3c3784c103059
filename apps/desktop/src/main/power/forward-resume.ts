import type { ElectronPorts } from '../electron-ports.js';

export interface ForwardResumeOptions {
  /** Called once per wake-up. */
  onResume(): void;
  /** Events closer together than this are one wake-up (resume and unlock often come as a pair). */
  debounceMs?: number;
  now?: () => number;
}

/**
 * Tells the app when the computer wakes from sleep or is unlocked. Sockets usually died while
 * asleep without either side noticing; without this, the SDK would wait out its heartbeat
 * timeout (tens of seconds) before reconnecting.
 *
 * @example
 * forwardResume(powerMonitor, { onResume: () => win.webContents.send(IPC.resume) });
 */
export function forwardResume(
  powerMonitor: ElectronPorts['powerMonitor'],
  options: ForwardResumeOptions,
): void {
  const debounceMs = options.debounceMs ?? 3_000;
  const now = options.now ?? Date.now;
  let last = Number.NEGATIVE_INFINITY;
  const handle = () => {
    const at = now();
    if (at - last < debounceMs) return;
    last = at;
    options.onResume();
  };
  powerMonitor.on('resume', handle);
  powerMonitor.on('unlock-screen', handle);
}
