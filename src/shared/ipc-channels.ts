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
  sendChat: 'chat:send',
  cancelChat: 'chat:cancel',
  retryNow: 'chat:retry-now',
  reportOsOnline: 'connectivity:report-os',
  getStatus: 'status:get',
  openExternal: 'shell:open-external',
} as const;

export type ChannelMethod = keyof typeof channels;
export type Channel = (typeof channels)[ChannelMethod];

export const EVENT_CHANNEL = 'parley:event';
