'use client';

import { useRef } from 'react';

import { ErrorCode, type ChatMessage, type ParleyClient } from '@parley/sdk';

import { useI18n } from '../../lib/i18n/i18n-provider';
import styles from './files.module.css';

/**
 * Where the browser would not keep the bytes of an unfinished upload (no IndexedDB: some
 * private windows, a full quota), a reload leaves only its tus URL: the message failed asking
 * for the file. Picking it again continues the upload where the server stands and sends it.
 */
export function Reattach({ client, message }: { client: ParleyClient; message: ChatMessage }) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const missing = (message.attachments ?? []).filter((a) => a.id === 0);
  if (
    message.status !== 'failed' ||
    message.error?.code !== ErrorCode.ERROR_CODE_NOT_FOUND ||
    missing.length === 0
  ) {
    return null;
  }
  return (
    <p className={styles.progress}>
      <button
        type="button"
        className="link-button"
        onClick={() => input.current?.click()}
        data-testid="reattach"
      >
        {t('files.attachAgain')}
      </button>
      <input
        ref={input}
        type="file"
        multiple={(message.attachments ?? []).length > 1}
        className={styles.hiddenInput}
        tabIndex={-1}
        aria-hidden="true"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length > 0) void client.retryWithFiles(message.clientMsgId, files);
        }}
        data-testid="reattach-input"
      />
    </p>
  );
}
