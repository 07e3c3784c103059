import { pb } from '@parley/proto';
import type { AccessClaims } from '@parley/server-kit';

const ROLES = { member: pb.Role.ROLE_MEMBER, admin: pb.Role.ROLE_ADMIN } as const;
const DEVICE_KINDS = {
  web: pb.DeviceKind.DEVICE_KIND_WEB,
  desktop: pb.DeviceKind.DEVICE_KIND_DESKTOP,
  mobile: pb.DeviceKind.DEVICE_KIND_MOBILE,
  bot: pb.DeviceKind.DEVICE_KIND_BOT,
} as const;

/** What the caller's access token says about them (no database lookup). */
export function getWhoAmI(claims: AccessClaims): pb.WhoAmIResponse {
  return pb.WhoAmIResponse.create({
    userId: claims.userId,
    sessionId: claims.sessionId,
    role: ROLES[claims.role],
    deviceKind: DEVICE_KINDS[claims.deviceKind],
  });
}
