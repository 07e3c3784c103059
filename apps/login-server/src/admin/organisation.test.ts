import { getHistory, sendMessage } from '@parley/db';
import { pb } from '@parley/proto';
import type { AdminApi } from '@parley/sdk/admin';
import type { GroupChangeEvent } from '@parley/server-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { failure, signInRoot } from '../testing/admin-client.js';
import { startTestLoginServer, type TestLoginServer } from '../testing/start-test-login-server.js';
import { adminPb } from '@parley/proto/admin';

const C = pb.ErrorCode;
let s: TestLoginServer;
let api: AdminApi;
let rootId = 0;

beforeAll(async () => {
  s = await startTestLoginServer();
  ({ api, rootId } = await signInRoot(s));
}, 120_000);
afterAll(() => s.stop());

const idOf = (r: adminPb.AdminDepartmentResponse) => Number(r.department?.department?.id);

describe('departments', () => {
  it('creates, renames, moves (refusing cycles), reorders and deletes only when empty', async () => {
    const eng = idOf(await api.createDepartment('Engineering'));
    const sales = idOf(await api.createDepartment('Sales'));
    const platform = idOf(await api.createDepartment('Platfrom', eng));
    const web = idOf(await api.createDepartment('Web', platform));
    const renamed = await api.renameDepartment(platform, 'Platform');
    expect(renamed.department?.department?.name).toBe('Platform');

    const cycle = await failure(api.moveDepartment(eng, web));
    expect([cycle.code, cycle.details.field]).toEqual([C.ERROR_CODE_BAD_REQUEST, 'parent_id']);
    const moved = await api.moveDepartment(web, 0);
    expect(moved.department?.department?.parentId).toBe(0);

    const top = await api.reorderDepartments(0, [web, sales, eng]);
    expect(top.departments.map((d) => d.department?.name)).toEqual(['Web', 'Sales', 'Engineering']);
    const tree = await api.listDepartments();
    expect(tree.departments.map((d) => d.department?.name)).toEqual([
      'Web',
      'Sales',
      'Engineering',
      'Platform',
    ]);
    expect(tree.departments.find((d) => d.department?.id === eng)?.childCount).toBe(1);
    const stale = await failure(api.reorderDepartments(0, [sales, eng]));
    expect(stale.code).toBe(C.ERROR_CODE_NOT_FOUND);

    await api.createUser({
      login: 'seller',
      displayName: 'Seller',
      departmentId: sales,
      password: 'long-enough',
    });
    expect((await failure(api.deleteDepartment(sales))).code).toBe(C.ERROR_CODE_CONFLICT);
    expect((await failure(api.deleteDepartment(eng))).code).toBe(C.ERROR_CODE_CONFLICT);
    await api.deleteDepartment(web);
    expect((await failure(api.deleteDepartment(web))).code).toBe(C.ERROR_CODE_NOT_FOUND);
    expect((await failure(api.createDepartment(''))).details.field).toBe('name');

    const audit = await api.listAudit({ action: 'department.' });
    expect(audit.entries.map((e) => e.action)).toEqual([
      'department.delete',
      'department.reorder',
      'department.move',
      'department.rename',
      'department.create',
      'department.create',
      'department.create',
      'department.create',
    ]);
    const rename = audit.entries.find((e) => e.action === 'department.rename');
    expect(JSON.parse(rename?.beforeJson ?? '')).toMatchObject({ name: 'Platfrom' });
    expect(JSON.parse(rename?.afterJson ?? '')).toMatchObject({ name: 'Platform' });
  });
});

describe('fixed groups', () => {
  it('creates a fixed group, renames it, adds and removes members with system messages', async () => {
    const owner = await s.addUser('owner', 'long-enough');
    const ann = await s.addUser('ann', 'long-enough');
    const bob = await s.addUser('bob', 'long-enough');
    const announced: GroupChangeEvent[] = [];
    const stop = await s.sessionEvents.subscribeGroupChanges((e) => announced.push(e));
    const created = await api.createGroup({
      title: 'All hands',
      ownerId: owner.id,
      memberIds: [ann.id],
    });
    const id = Number(created.group?.id);
    expect(created.group).toMatchObject({ title: 'All hands', ownerId: owner.id, memberCount: 2 });
    const conv = await s.db.prisma.conversation.findUnique({ where: { id } });
    expect(conv?.kind).toBe('group_fixed');

    const renamed = await api.renameGroup(id, 'Everyone');
    expect(renamed.group?.title).toBe('Everyone');
    const added = await api.addGroupMembers(id, [bob.id]);
    expect(added.members.map((m) => m.login)).toEqual(['ann', 'bob', 'owner']);
    const removed = await api.removeGroupMember(id, ann.id);
    expect(removed.members.map((m) => m.login)).toEqual(['bob', 'owner']);

    // What members see at their next sync: the system messages, in order.
    const history = await getHistory(s.db, owner.id, {
      conversationId: id,
      afterSeq: 0,
      limit: 50,
    });
    expect(history.messages.map((m) => m.system?.kind)).toEqual([
      'group_created',
      'group_renamed',
      'members_added',
      'member_removed',
    ]);
    // Each change was announced for the msg-servers to push live, with its system message.
    await stop();
    const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);
    expect(announced).toEqual([
      {
        conversationId: id,
        messageId: history.messages[0]?.id,
        memberIds: sorted([owner.id, ann.id]),
        affectedIds: sorted([owner.id, ann.id]),
      },
      {
        conversationId: id,
        messageId: history.messages[1]?.id,
        memberIds: sorted([owner.id, ann.id]),
        affectedIds: [],
      },
      {
        conversationId: id,
        messageId: history.messages[2]?.id,
        memberIds: sorted([owner.id, ann.id, bob.id]),
        affectedIds: [bob.id],
      },
      {
        conversationId: id,
        messageId: history.messages[3]?.id,
        memberIds: sorted([owner.id, bob.id]),
        affectedIds: [ann.id],
      },
    ]);
    // bob, added by the admin, is a member for real: he can send to the group.
    await expect(
      sendMessage(s.db, {
        conversationId: id,
        senderId: bob.id,
        clientMsgId: crypto.randomUUID(),
        body: 'hi',
      }),
    ).resolves.toBeDefined();

    const list = await api.listGroups({ q: 'every' });
    expect(list.groups.map((g) => g.title)).toEqual(['Everyone']);
    expect(list.total).toBe(1);
    expect((await failure(api.getGroup(999999))).code).toBe(C.ERROR_CODE_NOT_FOUND);
    const audit = await api.listAudit({ action: 'group.', actorId: rootId });
    expect(audit.entries.map((e) => e.action)).toEqual([
      'group.remove_member',
      'group.add_members',
      'group.rename',
      'group.create',
    ]);
    expect(JSON.parse(audit.entries[0]?.beforeJson ?? '')).toMatchObject({
      memberIds: [owner.id, ann.id, bob.id].sort((a, b) => a - b),
    });
  });

  it('refuses temporary groups and direct chats (NOT_FOUND) and bad input', async () => {
    const a = await s.addUser('tmp.a', 'long-enough');
    const temp = await s.db.prisma.conversation.create({
      data: { kind: 'group_temporary', title: 'Lunch', ownerId: a.id },
    });
    expect((await failure(api.renameGroup(temp.id, 'x'))).code).toBe(C.ERROR_CODE_NOT_FOUND);
    expect((await failure(api.createGroup({ title: '', memberIds: [] }))).details.field).toBe(
      'title',
    );
  });
});

describe('settings and the audit log', () => {
  it('sets registration and retention, audited; registration opens self-registration', async () => {
    expect(await api.getSettings()).toMatchObject({
      registrationOpen: false,
      registrationFixed: false,
      retentionDays: 0,
    });
    const F = adminPb.AdminSettingField;
    const after = await api.updateSettings({
      registrationOpen: true,
      retentionDays: 90,
      updateMask: [F.ADMIN_SETTING_FIELD_REGISTRATION_OPEN, F.ADMIN_SETTING_FIELD_RETENTION_DAYS],
    });
    expect(after).toMatchObject({ registrationOpen: true, retentionDays: 90 });
    const reg = await fetch(`${s.base}/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'newbie', password: 'long-enough', displayName: 'Newbie' }),
    });
    expect(reg.status).toBe(200);
    const bad = await failure(
      api.updateSettings({
        retentionDays: 40_000,
        updateMask: [F.ADMIN_SETTING_FIELD_RETENTION_DAYS],
      }),
    );
    expect(bad.details.field).toBe('retention_days');
    const [entry] = (await api.listAudit({ action: 'settings.update' })).entries;
    expect(JSON.parse(entry?.beforeJson ?? '')).toEqual({
      registrationOpen: false,
      retentionDays: 0,
    });
    expect(JSON.parse(entry?.afterJson ?? '')).toEqual({
      registrationOpen: true,
      retentionDays: 90,
    });
  });

  it('pages the audit log newest first and filters by actor', async () => {
    const first = await api.listAudit({ limit: 2 });
    expect(first.entries).toHaveLength(2);
    expect(first.nextBeforeId).toBe(first.entries[1]?.id);
    const second = await api.listAudit({ limit: 2, beforeId: Number(first.nextBeforeId) });
    expect(Number(second.entries[0]?.id)).toBeLessThan(Number(first.entries[1]?.id));
    const nobody = await api.listAudit({ actorId: 999999 });
    expect([nobody.entries.length, nobody.nextBeforeId]).toEqual([0, 0]);
    const bad = await fetch(`${s.base}/v1/admin/audit?limit=500`, {
      headers: {
        authorization: `Bearer ${(await s.signIn('root', 'admin-password')).accessToken}`,
      },
    });
    expect(bad.status).toBe(400);
  });
});
