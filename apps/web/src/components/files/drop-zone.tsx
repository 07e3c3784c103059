'use client';

import { useRef, useState, type ClipboardEvent, type DragEvent } from 'react';

import type { ParleyClient } from '@parley/sdk';

import { filesOf, sendPickedFiles } from '../../lib/files/send-picked-files';
import { useI18n } from '../../lib/i18n/i18n-provider';
import styles from './files.module.css';

const hasFiles = (e: DragEvent) => [...e.dataTransfer.types].includes('Files');

/**
 * Drag-and-drop of files onto a conversation: handlers to spread on its element, and the
 * overlay to show while files hover over it (the element needs `position: relative`).
 *
 * @example
 * const drop = useFileDrop(client, view.id);
 * <section {...drop.handlers}>{drop.overlay}…</section>
 */
export function useFileDrop(client: ParleyClient, conversationId: number) {
  const { t } = useI18n();
  const [dragging, setDragging] = useState(false);
  const depth = useRef(0);
  return {
    handlers: {
      onDragEnter: (e: DragEvent) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        depth.current += 1;
        setDragging(true);
      },
      onDragOver: (e: DragEvent) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
      },
      onDragLeave: (e: DragEvent) => {
        if (!hasFiles(e)) return;
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setDragging(false);
      },
      onDrop: (e: DragEvent) => {
        depth.current = 0;
        setDragging(false);
        const files = filesOf(e.dataTransfer);
        if (files.length === 0) return;
        e.preventDefault();
        void sendPickedFiles(client, conversationId, files);
      },
    },
    overlay: dragging ? (
      <div className={styles.dropOverlay} data-testid="drop-overlay">
        {t('files.dropHere')}
      </div>
    ) : null,
  };
}

/**
 * A paste handler for the message box: pasted files (a screenshot, copied files) are sent;
 * pasted text goes into the box as usual.
 *
 * @example
 * <textarea onPaste={pasteFiles(client, conversationId)} />
 */
export function pasteFiles(client: ParleyClient, conversationId: number) {
  return (e: ClipboardEvent) => {
    const files = filesOf(e.clipboardData);
    if (files.length === 0) return;
    e.preventDefault();
    void sendPickedFiles(client, conversationId, files);
  };
}
