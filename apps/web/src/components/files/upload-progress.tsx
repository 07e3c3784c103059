'use client';

import type { ChatMessage, ParleyClient } from '@parley/sdk';

import { useI18n } from '../../lib/i18n/i18n-provider';
import { formatBytes } from '../../lib/files/format-bytes';
import styles from './files.module.css';

/** The progress bar of a sending file message, with cancel (the message is dropped). */
export function UploadProgress({
  client,
  message,
}: {
  client: ParleyClient;
  message: ChatMessage;
}) {
  const { t } = useI18n();
  const upload = message.upload;
  if (!upload || message.status !== 'sending' || upload.state === 'done') return null;
  const percent = upload.total > 0 ? Math.floor((upload.sent / upload.total) * 100) : 0;
  return (
    <div className={styles.progress} data-testid="upload-progress" data-percent={percent}>
      <progress
        value={upload.sent}
        max={Math.max(1, upload.total)}
        aria-label={t('files.uploading', { n: percent })}
      />
      <span aria-hidden="true">
        {formatBytes(upload.sent)} / {formatBytes(upload.total)}
      </span>
      <button
        type="button"
        className="link-button"
        onClick={() => void client.discard(message.clientMsgId)}
        data-testid="upload-cancel"
      >
        {t('files.cancelUpload')}
      </button>
    </div>
  );
}
