import {
  AccountNotFoundError,
  DepartmentCycleError,
  DepartmentNotEmptyError,
  createDepartment,
  deleteDepartment,
  getDepartmentForAdmin,
  listDepartmentsForAdmin,
  moveDepartment,
  renameDepartment,
  reorderDepartments,
  type DepartmentRecord,
} from '@parley/db';
import { ProtocolError, pb } from '@parley/proto';

import type { LoginContext } from '../server/context.js';
import { badRequest, notFound } from '../wire/errors.js';

import { auditAdmin, type AdminActor } from './audit.js';
import { toWireAdminDepartment } from './to-admin-wire.js';
import { checkName, optionalId } from './validate.js';
import { adminPb } from '@parley/proto/admin';

const snapshot = (d: DepartmentRecord) => ({
  name: d.name,
  parentId: d.parentId,
  sortOrder: d.sortOrder,
});

/** GET /v1/admin/departments: the tree with counts. */
export async function listDepartments(
  ctx: LoginContext,
): Promise<adminPb.AdminDepartmentListResponse> {
  const all = await listDepartmentsForAdmin(ctx.db);
  return adminPb.AdminDepartmentListResponse.create({
    departments: all.map(toWireAdminDepartment),
  });
}

async function answer(ctx: LoginContext, id: number): Promise<adminPb.AdminDepartmentResponse> {
  const dept = await getDepartmentForAdmin(ctx.db, id);
  if (!dept) throw notFound('no such department');
  return adminPb.AdminDepartmentResponse.create({ department: toWireAdminDepartment(dept) });
}

/** Maps the db errors of tree changes to typed wire errors. */
async function treeChange<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AccountNotFoundError) throw notFound(err.message);
    if (err instanceof DepartmentCycleError) {
      throw badRequest(
        'a department cannot move under itself or its own sub-departments',
        'parent_id',
      );
    }
    if (err instanceof DepartmentNotEmptyError) {
      throw new ProtocolError(pb.ErrorCode.ERROR_CODE_CONFLICT, err.message);
    }
    throw err;
  }
}

/** POST /v1/admin/departments: a new department, last among its siblings. */
export async function addDepartment(
  ctx: LoginContext,
  actor: AdminActor,
  request: adminPb.AdminCreateDepartmentRequest,
): Promise<adminPb.AdminDepartmentResponse> {
  const name = checkName(request.name, 'name');
  const parentId = optionalId(request.parentId);
  const siblings = (await listDepartmentsForAdmin(ctx.db)).filter((d) => d.parentId === parentId);
  const sortOrder = siblings.reduce((max, d) => Math.max(max, d.sortOrder + 1), 0);
  const dept = await treeChange(() => createDepartment(ctx.db, { name, parentId, sortOrder }));
  await auditAdmin(
    ctx.db,
    actor,
    'department.create',
    { type: 'department', id: dept.id },
    { after: snapshot(dept), at: new Date(ctx.now()) },
  );
  return answer(ctx, dept.id);
}

/** POST /v1/admin/departments/{id}/rename. */
export async function renameDept(
  ctx: LoginContext,
  actor: AdminActor,
  id: number,
  request: adminPb.AdminRenameDepartmentRequest,
): Promise<adminPb.AdminDepartmentResponse> {
  const name = checkName(request.name, 'name');
  const { before, after } = await treeChange(() =>
    renameDepartment(ctx.db, { departmentId: id, name }),
  );
  await auditAdmin(
    ctx.db,
    actor,
    'department.rename',
    { type: 'department', id },
    { before: snapshot(before), after: snapshot(after), at: new Date(ctx.now()) },
  );
  return answer(ctx, id);
}

/** POST /v1/admin/departments/{id}/move: under another parent (cycles refused). */
export async function moveDept(
  ctx: LoginContext,
  actor: AdminActor,
  id: number,
  request: adminPb.AdminMoveDepartmentRequest,
): Promise<adminPb.AdminDepartmentResponse> {
  const parentId = optionalId(request.parentId);
  const before = await getDepartmentForAdmin(ctx.db, id);
  if (!before) throw notFound('no such department');
  const after = await treeChange(() => moveDepartment(ctx.db, { departmentId: id, parentId }));
  await auditAdmin(
    ctx.db,
    actor,
    'department.move',
    { type: 'department', id },
    { before: snapshot(before), after: snapshot(after), at: new Date(ctx.now()) },
  );
  return answer(ctx, id);
}

/** POST /v1/admin/departments/reorder: the order of one parent's children. */
export async function reorderDepts(
  ctx: LoginContext,
  actor: AdminActor,
  request: adminPb.AdminReorderDepartmentsRequest,
): Promise<adminPb.AdminDepartmentListResponse> {
  const parentId = optionalId(request.parentId);
  const orderedIds = request.orderedIds.map((raw) => {
    const id = optionalId(raw);
    if (id === null) throw badRequest('ordered_ids must be positive', 'ordered_ids');
    return id;
  });
  const all = await listDepartmentsForAdmin(ctx.db);
  const before = all.filter((d) => d.parentId === parentId).map((d) => d.id);
  await treeChange(() => reorderDepartments(ctx.db, { parentId, orderedIds }));
  await auditAdmin(
    ctx.db,
    actor,
    'department.reorder',
    { type: 'department', id: parentId ?? 0 },
    { before: { orderedIds: before }, after: { orderedIds }, at: new Date(ctx.now()) },
  );
  const now = await listDepartmentsForAdmin(ctx.db);
  return adminPb.AdminDepartmentListResponse.create({
    departments: now.filter((d) => d.parentId === parentId).map(toWireAdminDepartment),
  });
}

/** DELETE /v1/admin/departments/{id}: only when it has no people and no sub-departments. */
export async function removeDept(
  ctx: LoginContext,
  actor: AdminActor,
  id: number,
): Promise<adminPb.AdminDeleteDepartmentResponse> {
  const gone = await treeChange(() => deleteDepartment(ctx.db, id));
  await auditAdmin(
    ctx.db,
    actor,
    'department.delete',
    { type: 'department', id },
    { before: snapshot(gone), at: new Date(ctx.now()) },
  );
  return adminPb.AdminDeleteDepartmentResponse.create();
}
