import { listContactIds, type Database } from '@parley/db';
import { pb } from '@parley/proto';

import { createBatchedLookup } from '../transport/batched-lookup.js';
import type { ServerServices } from '../transport/context.js';

/**
 * Presence announcements of one server. The contacts of a user (who to tell, whose presence
 * to send) come from one batched query for every user connecting or changing at about the
 * same time: when thousands of clients reconnect together (a msg-server restart) the server
 * runs a few dozen contact queries instead of two per client (one for the announcement, one
 * for the contacts' presence, which share the lookup when they ask together). No caching:
 * each answer comes from a query that started after it was asked.
 */
export interface PresenceAnnouncer {
  /** Tells everyone who shares a conversation with `userId` that they came online or went offline. */
  announce(userId: number, online: boolean): Promise<void>;
  /**
   * Gives a new connection the presence of its contacts: one snapshot listing those online now
   * (the client takes everyone else as offline).
   */
  sendContactsPresence(userId: number, socketId: string): Promise<void>;
}

export function createPresenceAnnouncer(
  services: Pick<ServerServices, 'push' | 'presence'> & { db: Database },
): PresenceAnnouncer {
  const contactsOf = createBatchedLookup(async (userIds) => {
    const byUser = await listContactIds(services.db, userIds);
    return (userId) => byUser.get(userId) ?? [];
  });
  return {
    async announce(userId, online) {
      const contacts = await contactsOf(userId);
      const presence = online ? pb.Presence.PRESENCE_ONLINE : pb.Presence.PRESENCE_OFFLINE;
      services.push.toUsers(contacts, { presencePush: { userId, presence } });
    },
    async sendContactsPresence(userId, socketId) {
      const contacts = await contactsOf(userId);
      const online = contacts.length === 0 ? [] : await services.presence.onlineAmong(contacts);
      // Always sent, even empty: it is what tells a returning client that everyone it last saw
      // online and who is not listed has gone offline meanwhile.
      services.push.toSocket(socketId, { presenceSnapshot: { onlineUserIds: online } });
    },
  };
}
