import { Presence, type ChatState } from '@parley/sdk';

import { useI18n } from '../../lib/i18n/i18n-provider';

const NAMES: Partial<Record<number, 'online' | 'away' | 'offline'>> = {
  [Presence.PRESENCE_ONLINE]: 'online',
  [Presence.PRESENCE_AWAY]: 'away',
  [Presence.PRESENCE_OFFLINE]: 'offline',
};

/** A coloured dot for a person's presence (offline until the server says otherwise). */
export function PresenceDot({ state, userId }: { state: ChatState; userId: number }) {
  const { t } = useI18n();
  const presence = NAMES[state.presence.get(userId) ?? Presence.PRESENCE_OFFLINE] ?? 'offline';
  const label = t(`presence.${presence}`);
  return (
    <span
      className={`presence-dot presence-${presence}`}
      role="img"
      aria-label={label}
      title={label}
      data-testid="presence"
      data-presence={presence}
    />
  );
}
