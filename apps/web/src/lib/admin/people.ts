/**
 * People as the admin screens show them: the server's AdminUser flattened with defaults, and
 * the update request an edit form produces (only the fields that changed).
 */
import { Role, UserStatus } from '@parley/sdk';
import { adminPb } from '@parley/sdk/admin';

/** One person in the people table. */
export interface PersonRow {
  id: number;
  login: string;
  displayName: string;
  departmentId: number;
  title: string;
  admin: boolean;
  disabled: boolean;
  activeSessions: number;
}

/**
 * Flattens an AdminUser (absent fields as their defaults).
 *
 * @example
 * const rows = response.users.map(toPersonRow);
 */
export function toPersonRow(user: adminPb.AdminUser.$Properties): PersonRow {
  const u = user.user ?? {};
  return {
    id: Number(u.id ?? 0),
    login: u.login ?? '',
    displayName: u.displayName ?? '',
    departmentId: Number(u.departmentId ?? 0),
    title: u.title ?? '',
    admin: u.role === Role.ROLE_ADMIN,
    disabled: u.status === UserStatus.USER_STATUS_DISABLED,
    activeSessions: Number(user.activeSessions ?? 0),
  };
}

/** The editable fields of a person. */
export interface PersonEdit {
  displayName: string;
  departmentId: number;
  title: string;
  admin: boolean;
}

/**
 * The PATCH body for an edit: exactly the changed fields in update_mask; null when nothing
 * changed (no request, no audit entry).
 *
 * @example
 * personUpdate(row, { ...row, title: 'Lead' }); // { title: 'Lead', updateMask: [TITLE] }
 */
export function personUpdate(
  before: PersonEdit,
  after: PersonEdit,
): adminPb.AdminUpdateUserRequest.$Properties | null {
  const F = adminPb.AdminUserField;
  const request: adminPb.AdminUpdateUserRequest.$Properties = { updateMask: [] };
  const mask: adminPb.AdminUserField[] = [];
  const name = after.displayName.trim();
  if (name !== before.displayName) {
    request.displayName = name;
    mask.push(F.ADMIN_USER_FIELD_DISPLAY_NAME);
  }
  if (after.departmentId !== before.departmentId) {
    request.departmentId = after.departmentId;
    mask.push(F.ADMIN_USER_FIELD_DEPARTMENT);
  }
  const title = after.title.trim();
  if (title !== before.title) {
    request.title = title;
    mask.push(F.ADMIN_USER_FIELD_TITLE);
  }
  if (after.admin !== before.admin) {
    request.role = after.admin ? Role.ROLE_ADMIN : Role.ROLE_MEMBER;
    mask.push(F.ADMIN_USER_FIELD_ROLE);
  }
  if (mask.length === 0) return null;
  request.updateMask = mask;
  return request;
}
