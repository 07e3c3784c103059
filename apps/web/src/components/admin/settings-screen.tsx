'use client';

/** Settings: whether registration is open, and how many days messages are kept. */
import { useEffect, useState, type FormEvent } from 'react';

import { useAdminAction, useAdminQuery } from '../../lib/admin/use-admin-query';
import { useAdminI18n } from '../../lib/admin/use-admin-i18n';
import { useAdmin } from './admin-context';
import { DoneNote, ErrorNote } from './notice';
import { adminPb } from '@parley/sdk/admin';

/** The settings screen. */
export function SettingsScreen() {
  const { api } = useAdmin();
  const { t } = useAdminI18n();
  const loaded = useAdminQuery('settings', () => api.getSettings());
  const action = useAdminAction();
  const [open, setOpen] = useState(false);
  const [days, setDays] = useState('0');
  const [done, setDone] = useState<string | null>(null);
  const settings = loaded.data;
  const retention = useAdminAction();
  const [ran, setRan] = useState<string | null>(null);

  async function runRetention() {
    setRan(null);
    const result = await retention.run(() => api.runRetention());
    if (!result) return;
    if (result.skipped) setRan(t('settings.retentionSkipped'));
    else if (!Number(result.cutoff)) setRan(t('settings.retentionOff'));
    else setRan(t('settings.retentionRan', { n: result.deletedMessages }));
  }

  useEffect(() => {
    if (!settings) return;
    setOpen(settings.registrationOpen);
    setDays(String(settings.retentionDays));
  }, [settings]);

  async function save(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    const F = adminPb.AdminSettingField;
    const saved = await action.run(() =>
      api.updateSettings({
        registrationOpen: open,
        retentionDays: Number(days),
        updateMask: [
          ...(settings?.registrationFixed ? [] : [F.ADMIN_SETTING_FIELD_REGISTRATION_OPEN]),
          F.ADMIN_SETTING_FIELD_RETENTION_DAYS,
        ],
      }),
    );
    if (saved) {
      setDone(t('admin.saved'));
      loaded.reload();
    }
  }

  return (
    <section className="admin-section" aria-labelledby="settings-heading">
      <div className="admin-toolbar">
        <h1 id="settings-heading">{t('nav.settings')}</h1>
      </div>
      <ErrorNote error={loaded.error} />
      {settings && (
        <form className="admin-panel admin-form" onSubmit={save} data-testid="settings-form">
          <fieldset>
            <legend>{t('settings.registration')}</legend>
            <label className="admin-check">
              <input
                type="checkbox"
                checked={open}
                disabled={settings.registrationFixed}
                onChange={(e) => setOpen(e.target.checked)}
                data-testid="settings-registration"
              />
              <span>{t('settings.registrationOpen')}</span>
            </label>
            {settings.registrationFixed && (
              <p className="muted">{t('settings.registrationFixed')}</p>
            )}
          </fieldset>
          <label className="admin-field">
            <span>{t('settings.retention')}</span>
            <input
              type="number"
              min={0}
              max={36500}
              step={1}
              required
              value={days}
              onChange={(e) => setDays(e.target.value)}
              data-testid="settings-retention"
            />
          </label>
          <ErrorNote error={action.error} />
          <DoneNote text={done} />
          <div className="form-actions">
            <button type="submit" disabled={action.busy} data-testid="settings-save">
              {t('admin.save')}
            </button>
          </div>
        </form>
      )}
      {settings && (
        <div className="admin-panel admin-form">
          <p className="muted">{t('settings.retentionHelp')}</p>
          <ErrorNote error={retention.error} />
          <DoneNote text={ran} testId="retention-result" />
          <div className="form-actions">
            <button
              type="button"
              disabled={retention.busy}
              onClick={() => void runRetention()}
              data-testid="retention-run"
            >
              {t('settings.runRetention')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
