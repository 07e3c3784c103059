'use client';

import { useState } from 'react';

import {
  pb,
  UserStatus,
  type ChatState,
  type ConversationView,
  type ParleyClient,
} from '@parley/sdk';

import { userName } from '../../lib/display';
import { addMembers, removeMember } from '../../lib/group-ops';
import { useI18n } from '../../lib/i18n/i18n-provider';
import { PresenceDot } from './presence-dot';

interface GroupMembersProps {
  client: ParleyClient;
  state: ChatState;
  view: ConversationView;
  meId: number;
}

/** A group's members: owners and admins add and remove people; anyone may leave. */
export function GroupMembers({ client, state, view, meId }: GroupMembersProps) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [adding, setAdding] = useState('');
  const [error, setError] = useState<string | null>(null);
  const mine = view.members.find((m) => m.userId === meId);
  const manager =
    mine?.role === pb.MemberRole.MEMBER_ROLE_OWNER ||
    mine?.role === pb.MemberRole.MEMBER_ROLE_ADMIN;
  const memberIds = new Set(view.members.map((m) => m.userId));
  const candidates = [...state.users.values()].filter(
    (u) => !memberIds.has(u.id) && u.status !== UserStatus.USER_STATUS_DISABLED,
  );

  async function run(what: () => Promise<void>) {
    setError(null);
    try {
      await what();
    } catch (err) {
      setError(err instanceof Error ? err.message : t('group.actionFailed'));
    }
  }

  return (
    <div className="group-members">
      <button
        type="button"
        className="link-button"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        data-testid="group-members-toggle"
      >
        {t('group.membersCount', { n: view.members.length })}
      </button>
      {open && (
        <div className="group-members-panel" data-testid="group-members">
          <ul>
            {view.members.map((m) => (
              <li key={m.userId} data-testid="group-member" data-user-id={m.userId}>
                <PresenceDot state={state} userId={m.userId} />
                {m.userId === meId ? t('message.you') : userName(state.users, m.userId)}
                {m.role === pb.MemberRole.MEMBER_ROLE_OWNER && (
                  <span className="muted"> {t('group.owner')}</span>
                )}
                {manager && m.userId !== meId && (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => void run(() => removeMember(client, view.id, m.userId))}
                    aria-label={t('group.removeLabel', { name: userName(state.users, m.userId) })}
                    data-testid="group-remove"
                  >
                    {t('group.remove')}
                  </button>
                )}
              </li>
            ))}
          </ul>
          {manager && candidates.length > 0 && (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                const id = Number(adding);
                if (id) void run(() => addMembers(client, view.id, [id])).then(() => setAdding(''));
              }}
            >
              <select
                aria-label={t('group.personToAdd')}
                value={adding}
                onChange={(e) => setAdding(e.target.value)}
                data-testid="group-add-select"
              >
                <option value="">{t('group.addSomeone')}</option>
                {candidates.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.displayName}
                  </option>
                ))}
              </select>
              <button type="submit" disabled={adding === ''} data-testid="group-add">
                {t('group.add')}
              </button>
            </form>
          )}
          <button
            type="button"
            className="link-button danger"
            onClick={() => {
              if (window.confirm(t('group.leaveConfirm')))
                void run(() => removeMember(client, view.id, meId));
            }}
            data-testid="group-leave"
          >
            {t('group.leave')}
          </button>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
