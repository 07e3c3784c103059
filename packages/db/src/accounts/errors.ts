/** Thrown by createUser when the login is already taken (servers map it to CONFLICT). */
export class LoginTakenError extends Error {
  override name = 'LoginTakenError';
  readonly code = 'LOGIN_TAKEN' as const;
  constructor(readonly login: string) {
    super(`login "${login}" is already taken`);
  }
}

/** Thrown when an operation names a row that does not exist (servers map it to NOT_FOUND). */
export class AccountNotFoundError extends Error {
  override name = 'AccountNotFoundError';
  readonly code = 'NOT_FOUND' as const;
  constructor(what: string) {
    super(`${what} not found`);
  }
}

/** Prisma's unique-constraint violation, whichever driver adapter raised it. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'P2002';
}

/** Prisma's foreign-key violation. */
export function isForeignKeyViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'P2003';
}

/** Thrown when moving a department would put it under itself (servers map it to BAD_REQUEST). */
export class DepartmentCycleError extends Error {
  override name = 'DepartmentCycleError';
  readonly code = 'DEPARTMENT_CYCLE' as const;
  constructor(readonly departmentId: number) {
    super(`department ${departmentId} cannot be moved under itself or its descendants`);
  }
}
