'use client';

import { useRef } from 'react';

import type { ParleyClient } from '@parley/sdk';

import { sendPickedFiles } from '../../lib/files/send-picked-files';
import { useI18n } from '../../lib/i18n/i18n-provider';
import styles from './files.module.css';

/** The composer's paper clip: picks files and sends each as its own message. */
export function AttachButton({
  client,
  conversationId,
}: {
  client: ParleyClient;
  conversationId: number;
}) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        className={styles.attach}
        onClick={() => input.current?.click()}
        aria-label={t('files.attach')}
        title={t('files.attach')}
        data-testid="attach-button"
      >
        📎
      </button>
      <input
        ref={input}
        type="file"
        multiple
        className={styles.hiddenInput}
        tabIndex={-1}
        aria-hidden="true"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length > 0) void sendPickedFiles(client, conversationId, files);
        }}
        data-testid="attach-input"
      />
    </>
  );
}
