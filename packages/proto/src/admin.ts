/**
 * The admin console's wire types (admin.proto, monitoring.proto), generated into a module of
 * their own so that the chat app's bundle does not carry them. The core types they use
 * (User, Department, DeviceSessionInfo...) are repeated in this module; their shapes are
 * the same as `pb`'s, so plain objects move freely between the two.
 *
 * @example
 * import { adminPb } from '@parley/proto/admin';
 * const body = adminPb.ListUsersResponse.encode({ users: [] }).finish();
 */
import { parley as parleyAdmin } from './generated/parley-admin.js';

export import adminPb = parleyAdmin.v1;
