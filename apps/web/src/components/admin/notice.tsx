'use client';

/** The small status lines of the admin screens: a failure (alert) or a success (status). */
import { useAdminI18n } from '../../lib/admin/use-admin-i18n';

/** Shows a failed call's message as an alert; nothing when there is none. */
export function ErrorNote({ error, testId }: { error: string | null; testId?: string }) {
  const { t } = useAdminI18n();
  if (!error) return null;
  return (
    <p className="form-error" role="alert" data-testid={testId ?? 'admin-error'}>
      {t('admin.error', { message: error })}
    </p>
  );
}

/** Shows a short confirmation; nothing when there is none. */
export function DoneNote({ text, testId }: { text: string | null; testId?: string }) {
  if (!text) return null;
  return (
    <p className="admin-done" role="status" data-testid={testId ?? 'admin-done'}>
      {text}
    </p>
  );
}
