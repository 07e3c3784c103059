'use client';

import dynamic from 'next/dynamic';
import { useState } from 'react';

import type { AttachmentInfo, ParleyClient } from '@parley/sdk';

import { fitBox } from '../../lib/files/format-bytes';
import { localPreview } from '../../lib/files/local-previews';
import { useFileLink } from '../../lib/files/use-file-link';
import { useI18n } from '../../lib/i18n/i18n-provider';
import styles from './files.module.css';

// Only when an image is opened: keeps it out of the chat page's first load.
const Lightbox = dynamic(() => import('./lightbox').then((m) => m.Lightbox), { ssr: false });

interface ImageThumbProps {
  client: ParleyClient;
  conversationId: number;
  attachment: AttachmentInfo;
}

/**
 * An image inline: its thumbnail in a box of the image's proportions, sized before anything
 * loads (the virtualised list measures the right height from the first frame). While the
 * user's own upload runs it shows the local file. Click or Enter opens the lightbox.
 */
export function ImageThumb({ client, conversationId, attachment: a }: ImageThumbProps) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const { links } = useFileLink(client, a.id);
  const box = fitBox(a.width, a.height);
  const src =
    a.id > 0 ? links?.thumbnailUrl || links?.url : localPreview(conversationId, a.name, a.size);
  return (
    <>
      <button
        type="button"
        className={styles.thumb}
        style={{ width: box.width, height: box.height }}
        onClick={() => a.id > 0 && setOpen(true)}
        disabled={a.id === 0}
        aria-label={t('files.openImage', { name: a.name })}
        data-testid="image-thumb"
      >
        {src && (
          <img
            src={src}
            alt=""
            width={box.width}
            height={box.height}
            data-testid="image-thumb-img"
          />
        )}
      </button>
      {open && <Lightbox client={client} attachment={a} onClose={() => setOpen(false)} />}
    </>
  );
}
