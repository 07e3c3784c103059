/**
 * The UI's words in English and Chinese. English is the reference: its keys type the other
 * dictionaries, so a missing translation is a compile error.
 */

export const en = {
  'status.idle': 'Offline',
  'status.connecting': 'Connecting…',
  'status.syncing': 'Updating…',
  'status.online': 'Online',
  'status.reconnecting': 'Reconnecting…',
  'status.signedOut': 'Signed out',
  'header.signOut': 'Sign out',
  'header.admin': 'Admin',
  'header.enableNotifications': 'Enable notifications',
  'header.darkTheme': 'Dark theme',
  'header.lightTheme': 'Light theme',
  'header.language': '中文',
  'header.languageLabel': 'Switch to Chinese',
  'sidebar.label': 'Conversations and people',
  'sidebar.conversations': 'Conversations',
  'sidebar.search': 'Search (Ctrl+K)',
  'sidebar.searchLabel': 'Search conversations',
  'sidebar.noConversations': 'No conversations yet.',
  'sidebar.noMatches': 'No matching conversations.',
  'sidebar.people': 'People',
  'sidebar.findSomeone': 'Find someone',
  'sidebar.newGroup': 'New group',
  'pane.empty': 'Pick a conversation, or a person to start one.',
  'offline.banner':
    'You are offline. Messages you send now will go out when the connection is back.',
  'composer.placeholder': 'Write a message',
  'composer.send': 'Send',
  'composer.save': 'Save',
  'composer.editing': 'Editing a message',
  'composer.cancel': 'Cancel',
  'messages.loadOlder': 'Load older messages',
  'messages.today': 'Today',
  'messages.yesterday': 'Yesterday',
  'message.you': 'You',
  'message.edit': 'Edit',
  'message.recall': 'Recall',
  'message.recalled': 'This message was recalled.',
  'message.edited': '(edited)',
  'message.sending': 'Sending…',
  'message.sent': 'Sent',
  'message.read': 'Read',
  'message.readBy': 'Read by {n}',
  'signIn.title': 'Sign in to Parley',
  'signIn.login': 'Login',
  'signIn.password': 'Password',
  'signIn.submit': 'Sign in',
  'signIn.busy': 'Signing in…',
  'group.formLabel': 'New group',
  'group.name': 'Group name',
  'group.members': 'Members',
  'group.create': 'Create group',
  'group.cancel': 'Cancel',
  'group.failed': 'Could not create the group.',
  'list.pin': 'Pin',
  'list.unpin': 'Unpin',
  'list.mute': 'Mute',
  'list.unmute': 'Unmute',
  'list.pinned': 'Pinned',
  'list.muted': 'Muted',
  'list.unread': '{n} unread',
  'list.noMessages': 'No messages yet',
  'list.you': 'You',
  'list.recalled': 'message recalled',
  'list.actions': 'More actions for {title}',
  'directory.search': 'Search people (name, login or pinyin)',
  'directory.noDepartment': 'No department',
  'directory.noMatches': 'Nobody found.',
  'directory.chatWith': 'Chat with {name}',
  'directory.searchFailed': 'Search failed.',
  'directory.expand': '{name}, {n} people',
  'message.reply': 'Reply',
  'message.react': 'React',
  'message.hide': 'Delete for me',
  'message.hideConfirm': 'Delete this message for you only? Others still see it.',
  'message.quoteUnknown': 'Original message',
  'message.jumpToQuote': 'Go to the original message',
  'message.reactedBy': '{names} reacted with {emoji}',
  'message.toggleReaction': '{emoji} {n}, {names}',
  'composer.replyingTo': 'Replying to {name}',
  'composer.cancelReply': 'Cancel reply',
  'composer.messageLabel': 'Message',
  'composer.editLabel': 'Edit message',
  'emoji.insert': 'Insert emoji',
  'emoji.pick': 'Emoji',
} as const;

/** A dictionary key. */
export type MessageKey = keyof typeof en;
/** A complete dictionary. */
export type Messages = Record<MessageKey, string>;

export const zh: Messages = {
  'status.idle': '离线',
  'status.connecting': '正在连接…',
  'status.syncing': '正在更新…',
  'status.online': '在线',
  'status.reconnecting': '正在重新连接…',
  'status.signedOut': '已退出',
  'header.signOut': '退出登录',
  'header.admin': '管理后台',
  'header.enableNotifications': '开启通知',
  'header.darkTheme': '深色主题',
  'header.lightTheme': '浅色主题',
  'header.language': 'English',
  'header.languageLabel': '切换到英文',
  'sidebar.label': '会话和联系人',
  'sidebar.conversations': '会话',
  'sidebar.search': '搜索 (Ctrl+K)',
  'sidebar.searchLabel': '搜索会话',
  'sidebar.noConversations': '还没有会话。',
  'sidebar.noMatches': '没有匹配的会话。',
  'sidebar.people': '通讯录',
  'sidebar.findSomeone': '查找同事',
  'sidebar.newGroup': '新建群聊',
  'pane.empty': '选择一个会话，或选择一位同事开始聊天。',
  'offline.banner': '网络已断开。现在发送的消息会在恢复连接后发出。',
  'composer.placeholder': '输入消息',
  'composer.send': '发送',
  'composer.save': '保存',
  'composer.editing': '正在编辑消息',
  'composer.cancel': '取消',
  'messages.loadOlder': '加载更早的消息',
  'messages.today': '今天',
  'messages.yesterday': '昨天',
  'message.you': '我',
  'message.edit': '编辑',
  'message.recall': '撤回',
  'message.recalled': '此消息已撤回。',
  'message.edited': '(已编辑)',
  'message.sending': '发送中…',
  'message.sent': '已发送',
  'message.read': '已读',
  'message.readBy': '{n} 人已读',
  'signIn.title': '登录 Parley',
  'signIn.login': '账号',
  'signIn.password': '密码',
  'signIn.submit': '登录',
  'signIn.busy': '正在登录…',
  'group.formLabel': '新建群聊',
  'group.name': '群聊名称',
  'group.members': '成员',
  'group.create': '创建群聊',
  'group.cancel': '取消',
  'group.failed': '无法创建群聊。',
  'list.pin': '置顶',
  'list.unpin': '取消置顶',
  'list.mute': '免打扰',
  'list.unmute': '取消免打扰',
  'list.pinned': '已置顶',
  'list.muted': '免打扰',
  'list.unread': '{n} 条未读',
  'list.noMessages': '还没有消息',
  'list.you': '我',
  'list.recalled': '消息已撤回',
  'list.actions': '{title} 的更多操作',
  'directory.search': '搜索同事（姓名、账号或拼音）',
  'directory.noDepartment': '未分配部门',
  'directory.noMatches': '没有找到。',
  'directory.chatWith': '与 {name} 聊天',
  'directory.searchFailed': '搜索失败。',
  'directory.expand': '{name}，{n} 人',
  'message.reply': '回复',
  'message.react': '表情回应',
  'message.hide': '仅为我删除',
  'message.hideConfirm': '仅为你删除此消息？其他人仍能看到。',
  'message.quoteUnknown': '原消息',
  'message.jumpToQuote': '转到原消息',
  'message.reactedBy': '{names} 回应了 {emoji}',
  'message.toggleReaction': '{emoji} {n}，{names}',
  'composer.replyingTo': '回复 {name}',
  'composer.cancelReply': '取消回复',
  'composer.messageLabel': '消息',
  'composer.editLabel': '编辑消息',
  'emoji.insert': '插入表情',
  'emoji.pick': '表情',
};

/** The languages of the UI. */
export type Language = 'en' | 'zh';

export const DICTIONARIES: Record<Language, Messages> = { en, zh };

/**
 * The language to start with: a saved choice, else the browser's language.
 *
 * @example
 * pickLanguage(null, 'zh-CN'); // 'zh'
 */
export function pickLanguage(saved: string | null, browser: string | undefined): Language {
  if (saved === 'en' || saved === 'zh') return saved;
  return browser?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/**
 * Looks a key up and fills {placeholders}.
 *
 * @example
 * translate(zh, 'message.readBy', { n: 2 }); // '2 人已读'
 */
export function translate(
  dict: Messages,
  key: MessageKey,
  values: Record<string, string | number> = {},
): string {
  return dict[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}
