'use client';

import type { AttachmentInfo, ChatMessage, ParleyClient } from '@parley/sdk';

import { FileCard } from './file-card';
import { ImageThumb } from './image-thumb';
import { Reattach } from './reattach';
import { UploadProgress } from './upload-progress';
import styles from './files.module.css';

/** Shown inline as an image: the server made a thumbnail (or it is the user's own pending one). */
function isInlineImage(a: AttachmentInfo): boolean {
  return a.mime.startsWith('image/') && (a.id === 0 ? a.width > 0 : a.hasThumbnail);
}

/** A message's files: images inline, other files as cards, and the upload's progress. */
export function AttachmentList({
  client,
  message,
}: {
  client: ParleyClient;
  message: ChatMessage;
}) {
  const attachments = message.attachments ?? [];
  if (attachments.length === 0) return null;
  return (
    <div className={styles.attachments} data-testid="attachments">
      {attachments.map((a, i) =>
        isInlineImage(a) ? (
          <ImageThumb
            key={`${i}-${a.id}`}
            client={client}
            conversationId={message.conversationId}
            attachment={a}
          />
        ) : (
          <FileCard key={`${i}-${a.id}`} client={client} attachment={a} />
        ),
      )}
      <UploadProgress client={client} message={message} />
      <Reattach client={client} message={message} />
    </div>
  );
}
