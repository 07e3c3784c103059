import { Presence, type ChatState } from '@parley/sdk';

const NAMES: Partial<Record<number, 'online' | 'away' | 'offline'>> = {
  [Presence.PRESENCE_ONLINE]: 'online',
  [Presence.PRESENCE_AWAY]: 'away',
  [Presence.PRESENCE_OFFLINE]: 'offline',
};

const LABELS = { online: 'Online', away: 'Away', offline: 'Offline' } as const;

/** A coloured dot for a person's presence (offline until the server says otherwise). */
export function PresenceDot({ state, userId }: { state: ChatState; userId: number }) {
  const presence = NAMES[state.presence.get(userId) ?? Presence.PRESENCE_OFFLINE] ?? 'offline';
  return (
    <span
      className={`presence-dot presence-${presence}`}
      role="img"
      aria-label={LABELS[presence]}
      title={LABELS[presence]}
      data-testid="presence"
      data-presence={presence}
    />
  );
}
