import { ProtocolError, pb } from '@parley/proto';
import { silentLogger } from '@parley/server-kit';
import { describe, expect, it } from 'vitest';

import { isTransientFailure, toProtocolError } from './to-protocol-error.js';

const adapterError = (cause: Record<string, unknown>) =>
  Object.assign(new Error('Raw query failed'), {
    name: 'PrismaClientKnownRequestError',
    code: 'P2010',
    meta: { driverAdapterError: { name: 'DriverAdapterError', cause } },
  });

describe('toProtocolError', () => {
  it('answers a database or Redis that is away with UNAVAILABLE and a retry hint', () => {
    const away = [
      // What Prisma 7's pg adapter throws while PostgreSQL restarts (seen in the restarts test).
      adapterError({ kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 5432 }),
      adapterError({ kind: 'ConnectionClosed' }),
      adapterError({ kind: 'postgres', code: '57P01', message: 'terminating connection' }),
      adapterError({ kind: 'postgres', code: '08006', message: 'connection failure' }),
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      new Error('Connection terminated unexpectedly'),
      new Error('wrapped', { cause: new Error('Connection terminated due to connection timeout') }),
      Object.assign(new Error('x'), { name: 'PrismaClientInitializationError' }),
      Object.assign(new Error('Reached the max retries per request limit (which is 1).'), {
        name: 'MaxRetriesPerRequestError',
      }),
    ];
    for (const err of away) {
      expect(isTransientFailure(err)).toBe(true);
      const wire = toProtocolError(err, silentLogger());
      expect(wire.code).toBe(pb.ErrorCode.ERROR_CODE_UNAVAILABLE);
      expect(wire.details.retryAfterMs).toBeGreaterThan(0);
    }
  });

  it('keeps real bugs INTERNAL and typed errors as they are', () => {
    for (const err of [
      new TypeError('undefined is not a function'),
      adapterError({ kind: 'UniqueConstraintViolation' }),
      adapterError({ kind: 'postgres', code: '42P01', message: 'relation does not exist' }),
      'a string',
      null,
    ]) {
      expect(toProtocolError(err, silentLogger()).code).toBe(pb.ErrorCode.ERROR_CODE_INTERNAL);
    }
    const typed = new ProtocolError(pb.ErrorCode.ERROR_CODE_FORBIDDEN, 'no');
    expect(toProtocolError(typed, silentLogger())).toBe(typed);
  });
});
