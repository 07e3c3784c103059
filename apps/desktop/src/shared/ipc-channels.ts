/**
 * IPC channel names shared by the main process and the preloads (bundled into both). Every
 * message on these channels is validated on arrival: the renderer is remote web content.
 */
export const IPC = {
  /** renderer -> main (send): total unread count. */
  setUnreadCount: 'parley:set-unread-count',
  /** renderer -> main (send): show a native notification. */
  notify: 'parley:notify',
  /** renderer -> main (send): a deep-link listener exists; flush links that waited. */
  deepLinksReady: 'parley:deep-links-ready',
  /** main -> renderer: open a deep link. */
  deepLink: 'parley:deep-link',
  /** main -> renderer: the system resumed from sleep or was unlocked. */
  resume: 'parley:resume',
  /** setup page -> main (invoke): the saved server URL. */
  setupCurrent: 'parley-setup:current',
  /** setup page -> main (invoke): check a server URL. */
  setupCheck: 'parley-setup:check',
  /** setup page -> main (invoke): check and save a server URL. */
  setupUse: 'parley-setup:use',
  /** setup page -> main (send): close without changes. */
  setupCancel: 'parley-setup:cancel',
} as const;
