import { describe, expect, it } from 'vitest';

import { pb, ProtocolError } from '@parley/proto';

import type { FetchLike } from '../http/login-api.js';

import { createAdminApi } from './admin-api.js';
import { adminPb } from '@parley/proto/admin';

interface Seen {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: Uint8Array | undefined;
}

function recordingFetch(respond: (seen: Seen) => Response): { fetch: FetchLike; seen: Seen[] } {
  const seen: Seen[] = [];
  const fetch: FetchLike = async (url, init) => {
    const s = {
      url,
      method: init?.method ?? 'GET',
      headers: { ...(init?.headers as Record<string, string>) },
      body: init?.body ? new Uint8Array(init.body as ArrayBuffer) : undefined,
    };
    seen.push(s);
    return respond(s);
  };
  return { fetch, seen };
}

const protobuf = (bytes: Uint8Array, status = 200) =>
  new Response(bytes, { status, headers: { 'content-type': 'application/x-protobuf' } });

describe('createAdminApi', () => {
  it('lists people with the query, the bearer token and protobuf accept', async () => {
    const answer = adminPb.AdminUserListResponse.encode({ total: 7, nextOffset: 2 }).finish();
    const { fetch, seen } = recordingFetch(() => protobuf(answer));
    let n = 0;
    const api = createAdminApi({
      baseUrl: 'http://login.test/',
      accessToken: () => `token-${++n}`,
      fetch,
    });
    const page = await api.listUsers({ q: 'chen li', status: 'disabled', limit: 2 });
    expect([page.total, page.nextOffset]).toEqual([7, 2]);
    await api.listUsers();
    expect(seen.map((s) => [s.method, s.url, s.headers['Authorization']])).toEqual([
      [
        'GET',
        'http://login.test/v1/admin/users?q=chen+li&status=disabled&limit=2',
        'Bearer token-1',
      ],
      ['GET', 'http://login.test/v1/admin/users', 'Bearer token-2'],
    ]);
    expect(seen[0]?.headers['Accept']).toBe('application/x-protobuf');
    expect(seen[0]?.body).toBeUndefined();
  });

  it('sends bodies as binary protobuf with the right method and path', async () => {
    const { fetch, seen } = recordingFetch((s) =>
      protobuf(
        s.url.endsWith('/import/preview')
          ? adminPb.AdminImportResponse.encode({ validRows: 1 }).finish()
          : adminPb.AdminUserResponse.encode({}).finish(),
      ),
    );
    const api = createAdminApi({ baseUrl: 'http://login.test', accessToken: 't', fetch });
    await api.updateUser(5, {
      title: 'Lead',
      updateMask: [adminPb.AdminUserField.ADMIN_USER_FIELD_TITLE],
    });
    const preview = await api.previewImport('login,display_name,password\n');
    expect(preview.validRows).toBe(1);
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      'POST http://login.test/v1/admin/users/5',
      'POST http://login.test/v1/admin/users/import/preview',
    ]);
    expect(seen[0]?.headers['Content-Type']).toBe('application/x-protobuf');
    expect(adminPb.AdminUpdateUserRequest.decode(seen[0]?.body ?? new Uint8Array())).toMatchObject({
      title: 'Lead',
      updateMask: [adminPb.AdminUserField.ADMIN_USER_FIELD_TITLE],
    });
    expect(adminPb.AdminImportRequest.decode(seen[1]?.body ?? new Uint8Array()).csv).toBe(
      'login,display_name,password\n',
    );
  });

  it('turns error bodies and bare statuses into ProtocolError, network failures into UNAVAILABLE', async () => {
    const forbidden = pb.ErrorResponse.encode({
      error: { code: pb.ErrorCode.ERROR_CODE_FORBIDDEN, message: 'administrators only' },
    }).finish();
    const api = createAdminApi({
      baseUrl: 'http://login.test',
      accessToken: 't',
      fetch: recordingFetch(() => protobuf(forbidden, 403)).fetch,
    });
    const err = await api.getSettings().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProtocolError);
    expect(err).toMatchObject({
      code: pb.ErrorCode.ERROR_CODE_FORBIDDEN,
      message: 'administrators only',
    });

    const bare = createAdminApi({
      baseUrl: 'http://login.test',
      accessToken: 't',
      fetch: recordingFetch(() => new Response('<html>conflict</html>', { status: 409 })).fetch,
    });
    await expect(bare.deleteDepartment(3)).rejects.toMatchObject({
      code: pb.ErrorCode.ERROR_CODE_CONFLICT,
    });

    const down = createAdminApi({
      baseUrl: 'http://login.test',
      accessToken: 't',
      fetch: () => Promise.reject(new TypeError('fetch failed')),
    });
    await expect(down.listAudit({ action: 'user.' })).rejects.toMatchObject({
      code: pb.ErrorCode.ERROR_CODE_UNAVAILABLE,
    });
  });

  it('pages the audit log with snake_case query parameters', async () => {
    const { fetch, seen } = recordingFetch(() =>
      protobuf(adminPb.AuditListResponse.encode({}).finish()),
    );
    const api = createAdminApi({ baseUrl: 'http://login.test', accessToken: 't', fetch });
    await api.listAudit({ actorId: 4, action: 'group.', beforeId: 90, limit: 20 });
    expect(seen[0]?.url).toBe(
      'http://login.test/v1/admin/audit?actor_id=4&action=group.&before_id=90&limit=20',
    );
  });
});
