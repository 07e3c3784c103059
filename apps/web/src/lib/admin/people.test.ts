import { describe, expect, it } from 'vitest';

import { Role, UserStatus } from '@parley/sdk';

import { personUpdate, toPersonRow } from './people';
import { adminPb } from '@parley/sdk/admin';

describe('people rows', () => {
  it('flattens an AdminUser with defaults', () => {
    expect(
      toPersonRow({
        user: {
          id: 7,
          login: 'dana',
          displayName: 'Dana',
          role: Role.ROLE_ADMIN,
          status: UserStatus.USER_STATUS_DISABLED,
        },
        activeSessions: 2,
      }),
    ).toEqual({
      id: 7,
      login: 'dana',
      displayName: 'Dana',
      departmentId: 0,
      title: '',
      admin: true,
      disabled: true,
      activeSessions: 2,
    });
    expect(toPersonRow({}).login).toBe('');
  });

  it('sends only the changed fields, and nothing when nothing changed', () => {
    const before = { displayName: 'Dana', departmentId: 0, title: '', admin: false };
    expect(personUpdate(before, { ...before })).toBeNull();
    expect(personUpdate(before, { ...before, displayName: ' Dana ' })).toBeNull();
    expect(
      personUpdate(before, { ...before, title: 'Lead ', admin: true, departmentId: 3 }),
    ).toEqual({
      departmentId: 3,
      title: 'Lead',
      role: Role.ROLE_ADMIN,
      updateMask: [
        adminPb.AdminUserField.ADMIN_USER_FIELD_DEPARTMENT,
        adminPb.AdminUserField.ADMIN_USER_FIELD_TITLE,
        adminPb.AdminUserField.ADMIN_USER_FIELD_ROLE,
      ],
    });
  });
});
