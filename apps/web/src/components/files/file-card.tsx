'use client';

import type { AttachmentInfo, ParleyClient } from '@parley/sdk';

import { formatBytes } from '../../lib/files/format-bytes';
import { useFileLink } from '../../lib/files/use-file-link';
import { useI18n } from '../../lib/i18n/i18n-provider';
import styles from './files.module.css';

/** A symbol for a file's kind (decorative: the name and size say what it is). */
function iconOf(mime: string): string {
  if (mime.startsWith('image/')) return '🖼️';
  if (mime.startsWith('audio/')) return '🎵';
  if (mime.startsWith('video/')) return '🎬';
  if (mime === 'application/pdf') return '📕';
  if (/zip|compressed|tar|gzip|7z|rar/.test(mime)) return '🗜️';
  if (mime.startsWith('text/')) return '📝';
  return '📄';
}

/** A non-image attachment: icon, name, size and a download link (signed, short-lived). */
export function FileCard({
  client,
  attachment: a,
}: {
  client: ParleyClient;
  attachment: AttachmentInfo;
}) {
  const { t } = useI18n();
  const { links } = useFileLink(client, a.id);
  return (
    <div className={styles.card} data-testid="file-card">
      <span className={styles.icon} aria-hidden="true">
        {iconOf(a.mime)}
      </span>
      <span className={styles.cardText}>
        <span className={styles.name} title={a.name} data-testid="file-name">
          {a.name}
        </span>
        <span className={styles.size} data-testid="file-size">
          {formatBytes(a.size)}
        </span>
      </span>
      {links && (
        <a
          href={links.url}
          download={a.name}
          aria-label={t('files.downloadName', { name: a.name })}
          data-testid="file-download"
        >
          {t('files.download')}
        </a>
      )}
    </div>
  );
}
