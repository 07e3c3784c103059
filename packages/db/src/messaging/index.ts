/**
 * Messaging data access: conversations, members, messages, sync and read state.
 * Every function takes the Database and speaks the domain types in ./types.ts; failures a
 * client can cause are ProtocolErrors (NOT_FOUND, FORBIDDEN, BAD_REQUEST, CONFLICT).
 */
export type * from './types.js';
export { createGroup, MAX_GROUP_MEMBERS, MAX_GROUP_TITLE } from './create-group.js';
export type { CreateGroupInput, CreateGroupResult } from './create-group.js';
export { getConversationState } from './get-conversation-state.js';
export { getHistory, MAX_HISTORY_LIMIT } from './get-history.js';
export type { HistoryPage, HistoryQuery } from './get-history.js';
export { markRead } from './mark-read.js';
export type { MarkReadResult } from './mark-read.js';
export { listContactIds } from './list-contact-ids.js';
export { isMember, listMemberIds } from './membership.js';
export { openDirect } from './open-direct.js';
export type { OpenDirectResult } from './open-direct.js';
export { sendMessage } from './send-message.js';
export type { SendMessageInput, SendMessageResult } from './send-message.js';
export { MAX_SYNC_LATEST, syncConversations } from './sync-conversations.js';
export type { SyncOptions } from './sync-conversations.js';
export { addMembers } from './add-members.js';
export { removeMember } from './remove-member.js';
export { renameGroup } from './rename-group.js';
export type { Actor, GroupChange } from './group-rules.js';
export { editMessage } from './edit-message.js';
export type { MessageChange } from './edit-message.js';
export { recallMessage } from './recall-message.js';
export { MAX_EMOJI_LENGTH, MAX_REACTIONS_PER_USER, reactToMessage } from './react-to-message.js';
export { hideMessage } from './hide-message.js';
export { setMemberFlags } from './set-member-flags.js';
export type { MemberFlags, MemberFlagsChange } from './set-member-flags.js';
export { getMessage } from './get-message.js';
