'use client';

import { useEffect, useState } from 'react';

import type { FileLinks, ParleyClient } from '@parley/sdk';

/**
 * The signed links of an attachment (null while loading or when it failed; `error` then says
 * why). The SDK caches links until shortly before they expire, so rows re-rendering while the
 * list scrolls cost nothing.
 *
 * @example
 * const { links } = useFileLink(client, attachment.id);
 * return links && <img src={links.thumbnailUrl} />;
 */
export function useFileLink(
  client: ParleyClient,
  attachmentId: number,
): { links: FileLinks | null; error: boolean } {
  const [state, setState] = useState<{ id: number; links: FileLinks | null; error: boolean }>({
    id: 0,
    links: null,
    error: false,
  });
  useEffect(() => {
    if (attachmentId <= 0) return;
    let live = true;
    client.fileLink(attachmentId).then(
      (links) => live && setState({ id: attachmentId, links, error: false }),
      () => live && setState({ id: attachmentId, links: null, error: true }),
    );
    return () => {
      live = false;
    };
  }, [client, attachmentId]);
  return state.id === attachmentId ? state : { links: null, error: false };
}
