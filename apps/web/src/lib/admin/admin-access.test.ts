import { describe, expect, it } from 'vitest';

import { Role, UserStatus, type UserInfo } from '@parley/sdk';

import { adminAccess } from './admin-access';

const user = (role: number): UserInfo => ({
  id: 1,
  login: 'x',
  displayName: 'X',
  departmentId: 0,
  role,
  status: UserStatus.USER_STATUS_ACTIVE,
  title: '',
  avatarUrl: '',
  signature: '',
  version: 1,
});

describe('adminAccess', () => {
  it('lets only administrators in', () => {
    expect(adminAccess(false, user(Role.ROLE_ADMIN))).toBe('loading');
    expect(adminAccess(true, undefined)).toBe('signed-out');
    expect(adminAccess(true, user(Role.ROLE_MEMBER))).toBe('forbidden');
    expect(adminAccess(true, user(Role.ROLE_UNSPECIFIED))).toBe('forbidden');
    expect(adminAccess(true, user(Role.ROLE_ADMIN))).toBe('admin');
  });
});
