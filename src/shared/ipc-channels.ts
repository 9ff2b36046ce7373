/**
 * Method name -> IPC channel. Kept apart from the schemas so the sandboxed
 * preload can build `window.parley` without bundling the validator: the
 * preload forwards, main validates.
 */
export const channels = {
  getKeyStatus: 'key:status',
  setKey: 'key:set',
  removeKey: 'key:remove',
  listModels: 'models:list',
  getSettings: 'settings:get',
  setDefaultModel: 'settings:set-default-model',
  cancelChat: 'chat:cancel',
  retryNow: 'chat:retry-now',
  resumeAnswers: 'chat:resume-answers',
  reportOsOnline: 'connectivity:report-os',
  getStatus: 'status:get',
  openExternal: 'shell:open-external',
  sendMessage: 'chat:send-message',
  retryAnswer: 'chat:retry-answer',
  listConversations: 'history:list',
  getConversation: 'history:get',
  renameConversation: 'history:rename',
  setPinned: 'history:set-pinned',
  setArchived: 'history:set-archived',
  deleteConversation: 'history:delete',
  restoreConversation: 'history:restore',
  searchHistory: 'history:search',
  exportConversation: 'history:export-conversation',
  exportAll: 'history:export-all',
  importArchive: 'history:import',
  getHistoryStatus: 'history:status',
  restoreNewestBackup: 'history:restore-backup',
  dismissHistoryRecovery: 'history:dismiss-recovery',
} as const;

export type ChannelMethod = keyof typeof channels;
export type Channel = (typeof channels)[ChannelMethod];

export const EVENT_CHANNEL = 'parley:event';
