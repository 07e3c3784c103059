'use client';

import { useEffect, useState } from 'react';

import type { ParleyClient, UserInfo } from '@parley/sdk';

import styles from './files.module.css';

/**
 * A person's avatar (the thumbnail-size variant through a signed link the browser caches), or
 * nothing when they have none: the name next to it already says who it is, so it is decorative.
 */
export function Avatar({
  client,
  user,
  size = 20,
}: {
  client: ParleyClient;
  user: UserInfo | undefined;
  size?: number;
}) {
  const [src, setSrc] = useState<{ id: number; url: string } | null>(null);
  const id = user?.avatarUrl ? user.id : 0;
  useEffect(() => {
    if (id === 0) return;
    let live = true;
    client.avatarLink(id).then(
      (links) => live && setSrc({ id, url: links.thumbnailUrl || links.url }),
      () => undefined, // no avatar after all: show nothing
    );
    return () => {
      live = false;
    };
  }, [client, id]);
  if (id === 0 || src?.id !== id) return null;
  return (
    <img
      className={styles.avatar}
      src={src.url}
      alt=""
      width={size}
      height={size}
      data-testid="avatar"
      data-user-id={id}
    />
  );
}
