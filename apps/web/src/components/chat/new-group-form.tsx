'use client';

import { useState, type FormEvent } from 'react';

import { UserStatus, type ChatState, type ParleyClient } from '@parley/sdk';

import { createGroup } from '../../lib/group-ops';
import { useI18n } from '../../lib/i18n/i18n-provider';

interface NewGroupFormProps {
  client: ParleyClient;
  state: ChatState;
  meId: number;
  onCreated(conversationId: number): void;
}

/** "New group": a title and people to add; creates a temporary group owned by the user. */
export function NewGroupForm({ client, state, meId, onCreated }: NewGroupFormProps) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [picked, setPicked] = useState<Set<number>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const people = [...state.users.values()]
    .filter((u) => u.id !== meId && u.status !== UserStatus.USER_STATUS_DISABLED)
    .sort((a, b) => a.displayName.localeCompare(b.displayName));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const id = await createGroup(client, title.trim(), [...picked]);
      setOpen(false);
      setTitle('');
      setPicked(new Set());
      onCreated(id);
    } catch (err) {
      setError(err instanceof Error ? err.message : t('group.failed'));
    } finally {
      setBusy(false);
    }
  }

  if (!open) {
    return (
      <button
        type="button"
        className="link-button new-group-button"
        onClick={() => setOpen(true)}
        data-testid="new-group"
      >
        {t('sidebar.newGroup')}
      </button>
    );
  }
  return (
    <form
      className="new-group-form"
      onSubmit={submit}
      aria-label={t('group.formLabel')}
      data-testid="new-group-form"
    >
      <input
        aria-label={t('group.name')}
        placeholder={t('group.name')}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        required
        maxLength={100}
        autoFocus
        data-testid="group-title"
      />
      <fieldset>
        <legend>{t('group.members')}</legend>
        {people.map((u) => (
          <label key={u.id}>
            <input
              type="checkbox"
              checked={picked.has(u.id)}
              onChange={(e) => {
                const next = new Set(picked);
                if (e.target.checked) next.add(u.id);
                else next.delete(u.id);
                setPicked(next);
              }}
              data-testid="group-member-option"
              data-login={u.login}
            />{' '}
            {u.displayName}
          </label>
        ))}
      </fieldset>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button
          type="submit"
          disabled={busy || title.trim() === '' || picked.size === 0}
          data-testid="group-create"
        >
          {t('group.create')}
        </button>
        <button type="button" className="link-button" onClick={() => setOpen(false)}>
          {t('group.cancel')}
        </button>
      </div>
    </form>
  );
}
