'use client';

import { useEffect, useRef, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';

import type { AttachmentInfo, ParleyClient } from '@parley/sdk';

import { useFileLink } from '../../lib/files/use-file-link';
import { useI18n } from '../../lib/i18n/i18n-provider';
import styles from './files.module.css';

interface LightboxProps {
  client: ParleyClient;
  attachment: AttachmentInfo;
  onClose(): void;
}

/**
 * The original of an image, over everything: a modal dialog (Esc or the close button closes
 * it, Tab stays inside, focus returns to what opened it). Loaded on demand (next/dynamic), so
 * it costs the chat page nothing until an image is opened.
 */
export function Lightbox({ client, attachment, onClose }: LightboxProps) {
  const { t } = useI18n();
  const { links, error } = useFileLink(client, attachment.id);
  const dialog = useRef<HTMLDivElement>(null);
  const close = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    close.current?.focus();
    return () => opener?.focus();
  }, []);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
      return;
    }
    if (event.key !== 'Tab' || !dialog.current) return;
    const focusable = [...dialog.current.querySelectorAll<HTMLElement>('button, a[href]')];
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }

  // On <body>: the message list's rows must not clip or contain a full-screen overlay.
  return createPortal(
    <div
      ref={dialog}
      className={styles.lightbox}
      role="dialog"
      aria-modal="true"
      aria-label={t('files.imageLabel', { name: attachment.name })}
      onKeyDown={onKeyDown}
      onClick={(e) => e.target === e.currentTarget && onClose()}
      data-testid="lightbox"
    >
      {links ? (
        <img
          src={links.url}
          alt={attachment.name}
          width={attachment.width || undefined}
          height={attachment.height || undefined}
          data-testid="lightbox-image"
        />
      ) : (
        <p role="status">{error ? t('files.loadFailed') : t('files.loading')}</p>
      )}
      <div className={styles.lightboxBar}>
        <span>{attachment.name}</span>
        {links && (
          <a href={links.url} download={attachment.name} data-testid="lightbox-download">
            {t('files.download')}
          </a>
        )}
        <button ref={close} type="button" onClick={onClose} data-testid="lightbox-close">
          {t('files.close')}
        </button>
      </div>
    </div>,
    document.body,
  );
}
