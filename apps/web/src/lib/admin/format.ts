/** Small display helpers shared by the admin screens. */
import { DeviceKind } from '@parley/sdk';

import type { AdminKey } from './admin-messages';

/**
 * A unix-ms time in the UI's language ('' for 0, which the server uses for "never").
 *
 * @example
 * formatTime(Date.now(), 'zh');
 */
export function formatTime(ms: number, lang: 'en' | 'zh'): string {
  if (!ms) return '';
  return new Date(ms).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/**
 * The dictionary key naming a device kind.
 *
 * @example
 * deviceKindKey(DeviceKind.DEVICE_KIND_WEB); // 'kind.web'
 */
export function deviceKindKey(kind: number | null | undefined): AdminKey {
  switch (kind) {
    case DeviceKind.DEVICE_KIND_WEB:
      return 'kind.web';
    case DeviceKind.DEVICE_KIND_DESKTOP:
      return 'kind.desktop';
    case DeviceKind.DEVICE_KIND_MOBILE:
      return 'kind.mobile';
    case DeviceKind.DEVICE_KIND_BOT:
      return 'kind.bot';
    default:
      return 'kind.other';
  }
}
