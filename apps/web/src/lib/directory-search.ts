/**
 * People search on the server (GET /v1/directory/search): display name, login, or the pinyin
 * of a Chinese name (full spelling or initials), best matches first. The SDK has no call for
 * it, so it is one fetch with the client's access token (refreshed once when it has expired).
 */
import { pb, type ParleyClient } from '@parley/sdk';

import { loadRuntimeConfig } from './runtime-config';

const PROTOBUF = 'application/x-protobuf';

let loginUrl: Promise<string> | undefined;

/**
 * The ids of the people matching `query`, best first (at most `limit`).
 *
 * @example
 * const ids = await searchPeople(client, 'zhang'); // 张伟 first
 */
export async function searchPeople(
  client: ParleyClient,
  query: string,
  limit = 30,
  fetchImpl: typeof fetch = (input, init) => fetch(input, init),
): Promise<number[]> {
  loginUrl ??= loadRuntimeConfig().then((c) => c.loginUrl.replace(/\/+$/, ''));
  const url = `${await loginUrl}/v1/directory/search?${new URLSearchParams({
    q: query,
    limit: String(limit),
  }).toString()}`;
  const get = (token: string) =>
    fetchImpl(url, { headers: { Accept: PROTOBUF, Authorization: `Bearer ${token}` } });
  let response = await get(client.session?.accessToken ?? '');
  if (response.status === 401) response = await get((await client.refresh()).accessToken);
  if (!response.ok) throw new Error(`directory search failed (HTTP ${response.status})`);
  const decoded = pb.DirectorySearchResponse.decode(new Uint8Array(await response.arrayBuffer()));
  return decoded.users.map((u) => Number(u.id)).filter((id) => id > 0);
}
