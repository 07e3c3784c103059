import { listContactIds } from '@parley/db';
import { pb } from '@parley/proto';

import type { ServerServices } from '../transport/context.js';

/** Tells everyone who shares a conversation with `userId` that they came online or went offline. */
export async function announcePresence(
  services: Pick<ServerServices, 'db' | 'push'>,
  userId: number,
  online: boolean,
): Promise<void> {
  const contacts = await listContactIds(services.db, userId);
  const presence = online ? pb.Presence.PRESENCE_ONLINE : pb.Presence.PRESENCE_OFFLINE;
  services.push.toUsers(contacts, { presencePush: { userId, presence } });
}

/** Gives a new connection the presence of its contacts who are online now. */
export async function sendContactsPresence(
  services: Pick<ServerServices, 'db' | 'push' | 'presence'>,
  userId: number,
  socketId: string,
): Promise<void> {
  const contacts = await listContactIds(services.db, userId);
  for (const contactId of await services.presence.onlineAmong(contacts)) {
    services.push.toSocket(socketId, {
      presencePush: { userId: contactId, presence: pb.Presence.PRESENCE_ONLINE },
    });
  }
}
