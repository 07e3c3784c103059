'use client';

import { useEffect, useRef, useState } from 'react';

import type { ChatState, ParleyClient, UserInfo } from '@parley/sdk';

import { conversationTitle, userName } from './display';
import { shouldNotify } from './notify-rules';

type Permission = NotificationPermission | 'unsupported';

/**
 * Raises a desktop notification (the Notification API) for direct messages and mentions
 * while the tab is hidden; clicking one focuses the tab on that conversation. Returns the
 * permission and a function to ask for it (browsers allow that only from a user gesture).
 */
export function useDesktopNotifications(
  client: ParleyClient,
  state: ChatState,
  me: UserInfo,
  onOpen: (conversationId: number) => void,
): { permission: Permission; request(): void } {
  const [permission, setPermission] = useState<Permission>('default');
  const latest = useRef({ state, me, onOpen });
  latest.current = { state, me, onOpen };

  useEffect(() => {
    setPermission(typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);
  }, []);

  useEffect(() => {
    if (permission !== 'granted') return;
    return client.on('message', (m) => {
      const { state: s, me: self, onOpen: open } = latest.current;
      const view = s.conversations.get(m.conversationId);
      if (!shouldNotify(m, view, self, document.visibilityState === 'hidden') || !view) return;
      const title = conversationTitle(view, s.users, self.id);
      const sender = userName(s.users, m.senderId);
      const body = title === sender ? m.text : `${sender}: ${m.text}`;
      const notification = new Notification(title, {
        body: body.length > 180 ? `${body.slice(0, 180)}…` : body,
        tag: `parley-${m.conversationId}`,
      });
      notification.onclick = () => {
        window.focus();
        open(m.conversationId);
        notification.close();
      };
    });
  }, [client, permission]);

  return {
    permission,
    request() {
      if (typeof Notification === 'undefined') return;
      void Notification.requestPermission().then(setPermission);
    },
  };
}
