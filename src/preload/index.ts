import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNEL } from '../shared/ipc-channels';
import type { ParleyApi, ParleyEvent } from '../shared/ipc';
import { createParleyApi } from '../shared/parley-api';

/**
 * The whole preload: named methods built from the contract, nothing else.
 * `ipcRenderer` itself never reaches the page.
 */
const api: ParleyApi = createParleyApi({
  invoke: (channel, payload) => ipcRenderer.invoke(channel, payload),
  subscribe: (listener) => {
    const handler = (_event: IpcRendererEvent, payload: ParleyEvent): void => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
});

contextBridge.exposeInMainWorld('parley', api);
