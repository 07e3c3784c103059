import { updateProfile as writeProfile, type ProfileChanges } from '@parley/db';
import { pb } from '@parley/proto';
import type { AccessClaims } from '@parley/server-kit';

import type { LoginContext } from '../server/context.js';
import { badRequest } from '../wire/errors.js';
import { toWireUser } from '../wire/to-wire.js';

const MAX_TITLE = 100;
const MAX_SIGNATURE = 200;
const F = pb.ProfileField;

/**
 * Sets the caller's own title and status line (signature). With an update_mask exactly the
 * listed fields are written ("" clears); without one, the non-empty fields are. Display name,
 * department and role are the administrator's, not the user's.
 *
 * @throws ProtocolError BAD_REQUEST (too long, control characters, unknown mask entry).
 */
export async function updateOwnProfile(
  ctx: LoginContext,
  claims: AccessClaims,
  request: pb.UpdateProfileRequest,
): Promise<pb.MeResponse> {
  const mask = new Set(request.updateMask);
  for (const field of mask) {
    if (field !== F.PROFILE_FIELD_TITLE && field !== F.PROFILE_FIELD_SIGNATURE) {
      throw badRequest('update_mask names an unknown field', 'update_mask');
    }
  }
  const wants = (field: pb.ProfileField, value: string) =>
    mask.size > 0 ? mask.has(field) : value !== '';
  const changes: ProfileChanges = {};
  if (wants(F.PROFILE_FIELD_TITLE, request.title)) {
    changes.title = checkLine(request.title, MAX_TITLE, 'title');
  }
  if (wants(F.PROFILE_FIELD_SIGNATURE, request.signature)) {
    changes.signature = checkLine(request.signature, MAX_SIGNATURE, 'signature');
  }
  const user = await writeProfile(ctx.db, claims.userId, changes);
  return pb.MeResponse.create({ user: toWireUser(user, ctx.fileServerUrl) });
}

/** One line of text, trimmed: no newlines or other control characters, at most `max` long. */
function checkLine(value: string, max: number, field: string): string {
  const text = value.trim();
  if ([...text].length > max || /\p{Cc}/u.test(text)) {
    throw badRequest(`${field} must be one line of at most ${max} characters`, field);
  }
  return text;
}
