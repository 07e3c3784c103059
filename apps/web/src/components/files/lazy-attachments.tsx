'use client';

import { lazy, Suspense } from 'react';

import type { ChatMessage, ParleyClient } from '@parley/sdk';

import { fitBox } from '../../lib/files/format-bytes';

// The attachment views load with the first message that has files, not with the chat page.
const AttachmentList = lazy(() =>
  import('./attachment-list').then((m) => ({ default: m.AttachmentList })),
);

/** Height of a file card while its code loads (matches files.module.css). */
const CARD_HEIGHT = 52;

/**
 * A message's files, loaded on demand. Until the views arrive, boxes of the final sizes hold
 * their place (images from their pixel size), so the virtualised list does not jump.
 */
export function LazyAttachments({
  client,
  message,
}: {
  client: ParleyClient;
  message: ChatMessage;
}) {
  const attachments = message.attachments ?? [];
  if (attachments.length === 0) return null;
  const placeholder = (
    <div
      aria-hidden="true"
      style={{ display: 'flex', flexDirection: 'column', gap: '0.4rem', marginTop: '0.35rem' }}
    >
      {attachments.map((a, i) => {
        const image = a.mime.startsWith('image/') && (a.id === 0 ? a.width > 0 : a.hasThumbnail);
        const box = image ? fitBox(a.width, a.height) : { width: 220, height: CARD_HEIGHT };
        return <div key={i} style={{ width: box.width, height: box.height }} />;
      })}
    </div>
  );
  return (
    <Suspense fallback={placeholder}>
      <AttachmentList client={client} message={message} />
    </Suspense>
  );
}
