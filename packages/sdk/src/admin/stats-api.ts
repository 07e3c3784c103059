/**
 * The admin dashboard's live numbers: GET /v1/admin/stats on the login-server (admins only),
 * binary protobuf. Failures come out as ProtocolError like every other SDK call.
 */
import { ProtocolError, pb } from '@parley/proto';

import { networkError } from '../errors/client-errors.js';
import type { FetchLike } from '../http/login-api.js';
import { adminPb } from '@parley/proto/admin';
import { errorFromResponse, PROTOBUF } from '../http/http-errors.js';

/** Options of getSystemStats. */
export interface GetSystemStatsOptions {
  /** The login-server origin, e.g. `http://localhost:3001`. */
  baseUrl: string;
  /** An admin's access token. */
  accessToken: string;
  /** Defaults to the global fetch. */
  fetch?: FetchLike;
  /** Aborts the request (a dashboard that unmounts while a poll is in flight). */
  signal?: AbortSignal;
}

/** The decoded response; every field present (proto3 defaults), 64-bit fields as numbers. */
export type SystemStats = adminPb.SystemStatsResponse;

/**
 * Fetches the deployment's live state: every live msg-server's connections, message rates,
 * send-to-ack and sync latency percentiles, errors by code and event-loop lag, their totals,
 * storage used, users online and the most recent errors (newest first). The numbers are at
 * most one announce interval (a few seconds) old; poll every few seconds for live charts.
 *
 * Throws ProtocolError: UNAUTHENTICATED (no or expired token: refresh and retry), FORBIDDEN
 * (not an admin), UNAVAILABLE (network or server down: retry later).
 *
 * @example
 * const stats = await getSystemStats({ baseUrl: 'http://localhost:3001', accessToken });
 * for (const node of stats.nodes) console.log(node.id, node.connections, node.sendAck?.p95Ms);
 * console.log(stats.totals?.messagesInPerSec, stats.storage?.usedBytes, stats.usersOnline);
 */
export async function getSystemStats(options: GetSystemStatsOptions): Promise<SystemStats> {
  const doFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const url = `${options.baseUrl.replace(/\/+$/, '')}/v1/admin/stats`;
  let response: Response;
  try {
    response = await doFetch(url, {
      method: 'GET',
      headers: { Accept: PROTOBUF, Authorization: `Bearer ${options.accessToken}` },
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (err) {
    if (options.signal?.aborted) throw err;
    throw networkError(err);
  }
  const bytes = new Uint8Array(await response.arrayBuffer().catch(() => new ArrayBuffer(0)));
  if (!response.ok) throw errorFromResponse(response, bytes);
  try {
    return adminPb.SystemStatsResponse.decode(bytes);
  } catch (err) {
    throw new ProtocolError(
      pb.ErrorCode.ERROR_CODE_INTERNAL,
      `unreadable /v1/admin/stats response: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}
