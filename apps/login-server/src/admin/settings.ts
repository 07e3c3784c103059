import {
  SETTING_REGISTRATION_OPEN,
  SETTING_RETENTION_DAYS,
  getRetentionDays,
  isRegistrationOpen,
  setSetting,
} from '@parley/db';

import type { LoginContext } from '../server/context.js';
import { badRequest } from '../wire/errors.js';

import { auditAdmin, type AdminActor } from './audit.js';
import { adminPb } from '@parley/proto/admin';

/** Longest retention an admin can set (100 years); 0 keeps messages forever. */
export const MAX_RETENTION_DAYS = 36_500;

/** GET /v1/admin/settings. */
export async function getSettings(ctx: LoginContext): Promise<adminPb.AdminSettings> {
  const fixed = ctx.registrationOpen !== undefined;
  return adminPb.AdminSettings.create({
    registrationOpen: fixed ? ctx.registrationOpen : await isRegistrationOpen(ctx.db),
    registrationFixed: fixed,
    retentionDays: await getRetentionDays(ctx.db),
  });
}

/** POST /v1/admin/settings: exactly the masked fields; audited with before and after. */
export async function updateSettings(
  ctx: LoginContext,
  actor: AdminActor,
  request: adminPb.AdminUpdateSettingsRequest,
): Promise<adminPb.AdminSettings> {
  const mask = new Set(request.updateMask);
  if (mask.size === 0) throw badRequest('update_mask names no field', 'update_mask');
  const F = adminPb.AdminSettingField;
  if (
    mask.has(F.ADMIN_SETTING_FIELD_RETENTION_DAYS) &&
    request.retentionDays > MAX_RETENTION_DAYS
  ) {
    throw badRequest(`retention_days must be 0 to ${MAX_RETENTION_DAYS}`, 'retention_days');
  }
  const before = await getSettings(ctx);
  if (mask.has(F.ADMIN_SETTING_FIELD_REGISTRATION_OPEN)) {
    await setSetting(ctx.db, SETTING_REGISTRATION_OPEN, request.registrationOpen);
  }
  if (mask.has(F.ADMIN_SETTING_FIELD_RETENTION_DAYS)) {
    await setSetting(ctx.db, SETTING_RETENTION_DAYS, request.retentionDays);
  }
  const after = await getSettings(ctx);
  const plain = (s: adminPb.AdminSettings) => ({
    registrationOpen: s.registrationOpen,
    retentionDays: s.retentionDays,
  });
  await auditAdmin(
    ctx.db,
    actor,
    'settings.update',
    { type: 'settings', id: 'global' },
    { before: plain(before), after: plain(after), at: new Date(ctx.now()) },
  );
  return after;
}
