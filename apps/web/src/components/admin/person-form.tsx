'use client';

/**
 * Creating a person (login, name, department, title, role, initial password) or editing one
 * (name, department, title, role; only the changed fields are sent).
 */
import { useState, type FormEvent } from 'react';

import { Role } from '@parley/sdk';

import type { DepartmentItem } from '../../lib/admin/departments';
import { personUpdate, type PersonRow } from '../../lib/admin/people';
import { useAdminAction } from '../../lib/admin/use-admin-query';
import { useAdminI18n } from '../../lib/admin/use-admin-i18n';
import { useAdmin } from './admin-context';
import { DepartmentSelect } from './department-select';
import { ErrorNote } from './notice';

interface PersonFormProps {
  /** The person to edit; absent: a new person. */
  person?: PersonRow;
  departments: readonly DepartmentItem[];
  onDone(message: string): void;
  onCancel(): void;
}

/** The create/edit form. */
export function PersonForm({ person, departments, onDone, onCancel }: PersonFormProps) {
  const { api } = useAdmin();
  const { t } = useAdminI18n();
  const action = useAdminAction();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState(person?.displayName ?? '');
  const [departmentId, setDepartmentId] = useState(person?.departmentId ?? 0);
  const [title, setTitle] = useState(person?.title ?? '');
  const [admin, setAdmin] = useState(person?.admin ?? false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const edit = { displayName, departmentId, title, admin };
    if (person) {
      const patch = personUpdate(person, edit);
      if (!patch) return onCancel();
      const saved = await action.run(() => api.updateUser(person.id, patch));
      if (saved) onDone(t('admin.saved'));
      return;
    }
    const created = await action.run(() =>
      api.createUser({
        login: login.trim(),
        displayName: displayName.trim(),
        departmentId,
        title: title.trim(),
        role: admin ? Role.ROLE_ADMIN : Role.ROLE_MEMBER,
        password,
      }),
    );
    if (created) onDone(t('people.created', { name: displayName.trim() }));
  }

  const heading = person ? t('people.editTitle', { name: person.displayName }) : t('people.new');
  return (
    <form
      className="admin-panel admin-form"
      onSubmit={submit}
      data-testid="person-form"
      aria-label={heading}
    >
      <h2>{heading}</h2>
      {!person && (
        <label className="admin-field">
          <span>{t('people.login')}</span>
          <input
            value={login}
            onChange={(e) => setLogin(e.target.value)}
            required
            autoComplete="off"
            data-testid="person-login"
          />
        </label>
      )}
      <label className="admin-field">
        <span>{t('people.name')}</span>
        <input
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          required
          data-testid="person-name"
        />
      </label>
      <DepartmentSelect
        label={t('people.department')}
        noneLabel={t('people.noDepartment')}
        items={departments}
        value={departmentId}
        onChange={setDepartmentId}
        testId="person-department"
      />
      <label className="admin-field">
        <span>{t('people.title')}</span>
        <input
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          data-testid="person-title"
        />
      </label>
      <label className="admin-field">
        <span>{t('people.role')}</span>
        <select
          value={admin ? 'admin' : 'member'}
          onChange={(e) => setAdmin(e.target.value === 'admin')}
          data-testid="person-role"
        >
          <option value="member">{t('people.roleMember')}</option>
          <option value="admin">{t('people.roleAdmin')}</option>
        </select>
      </label>
      {!person && (
        <label className="admin-field">
          <span>{t('people.password')}</span>
          <input
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
            minLength={8}
            autoComplete="new-password"
            data-testid="person-password"
          />
        </label>
      )}
      <ErrorNote error={action.error} testId="person-form-error" />
      <div className="form-actions">
        <button type="submit" disabled={action.busy} data-testid="person-save">
          {person ? t('admin.save') : t('admin.create')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('admin.cancel')}
        </button>
      </div>
    </form>
  );
}
