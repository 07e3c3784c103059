import { listDirectory } from '@parley/db';
import { ProtocolError, pb } from '@parley/proto';

import type { LoginContext } from '../server/context.js';
import { toWireDepartment, toWireUser } from '../wire/to-wire.js';

/**
 * Users and departments changed since the client's cursor (0: the whole directory). Disabled
 * users are included, so clients learn that someone left.
 */
export async function getDirectory(
  ctx: LoginContext,
  since: number,
): Promise<pb.DirectoryResponse> {
  const changes = await listDirectory(ctx.db, since);
  return pb.DirectoryResponse.create({
    users: changes.users.map(toWireUser),
    departments: changes.departments.map(toWireDepartment),
    version: changes.version,
  });
}

/** Parses the `since` query parameter: absent is 0, anything but a non-negative integer is 400. */
export function parseSince(raw: unknown): number {
  if (raw === undefined || raw === '') return 0;
  const since = typeof raw === 'string' && /^\d{1,16}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(since)) {
    throw new ProtocolError(
      pb.ErrorCode.ERROR_CODE_BAD_REQUEST,
      'since must be a non-negative integer',
      {
        field: 'since',
      },
    );
  }
  return since;
}
