'use client';

/** Sets a new password for a person (which signs all their devices out). */
import { useState, type FormEvent } from 'react';

import type { PersonRow } from '../../lib/admin/people';
import { useAdminAction } from '../../lib/admin/use-admin-query';
import { useAdminI18n } from '../../lib/admin/use-admin-i18n';
import { useAdmin } from './admin-context';
import { ErrorNote } from './notice';

/** The reset-password form for one person. */
export function ResetPasswordForm(props: {
  person: PersonRow;
  onDone(message: string): void;
  onCancel(): void;
}) {
  const { person, onDone, onCancel } = props;
  const { api } = useAdmin();
  const { t } = useAdminI18n();
  const action = useAdminAction();
  const [password, setPassword] = useState('');

  async function submit(e: FormEvent) {
    e.preventDefault();
    const result = await action.run(() => api.resetPassword(person.id, password));
    if (result) onDone(t('people.passwordReset', { name: person.displayName }));
  }

  const heading = `${t('people.resetPassword')}: ${person.displayName}`;
  return (
    <form
      className="admin-panel admin-form"
      onSubmit={submit}
      data-testid="reset-password-form"
      aria-label={heading}
    >
      <h2>{heading}</h2>
      <label className="admin-field">
        <span>{t('people.newPassword')}</span>
        <input
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
          minLength={8}
          autoComplete="new-password"
          data-testid="reset-password-input"
        />
      </label>
      <ErrorNote error={action.error} />
      <div className="form-actions">
        <button type="submit" disabled={action.busy} data-testid="reset-password-save">
          {t('people.resetPassword')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('admin.cancel')}
        </button>
      </div>
    </form>
  );
}
