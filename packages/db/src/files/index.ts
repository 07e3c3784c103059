/**
 * Files data access: content-addressed stored objects, users' attachments of them, who may
 * see an attachment, quotas, and the link between messages and attachments. The bytes
 * themselves live in the file-server's object store, never here.
 */
export type * from './types.js';
export { findStoredObject } from './find-stored-object.js';
export { recordAttachment } from './record-attachment.js';
export type { RecordAttachmentInput } from './record-attachment.js';
export { attachKnownObject } from './attach-known-object.js';
export type { AttachKnownObjectInput } from './attach-known-object.js';
export { getAttachment } from './get-attachment.js';
export { canSeeAttachment } from './can-see-attachment.js';
export { getStorageUsage, getSystemStorageUsage, ownsContent } from './get-storage-usage.js';
export type { StorageUsage, SystemStorageUsage } from './get-storage-usage.js';
export { attachmentsOwnedBy } from './attachments-owned-by.js';
export { linkAttachmentsToMessage, MAX_ATTACHMENTS_PER_MESSAGE } from './link-attachments.js';
export type { LinkAttachmentsInput } from './link-attachments.js';
export { listMessageAttachments } from './list-message-attachments.js';
