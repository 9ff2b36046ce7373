import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { appError, fail } from '../../shared/app-error';
import { invokeContract } from '../../shared/ipc';
import type { Dispatch } from './router';

/**
 * Registers every contract channel with ipcMain. A request is served only
 * when it comes from the app's own window and its top frame, loaded from our
 * own origin; anything else (a stray iframe, a navigated page) gets an error.
 */
export function registerIpc(
  dispatch: Dispatch,
  isTrusted: (contents: WebContents, frameUrl: string) => boolean,
): () => void {
  const channels = Object.values(invokeContract).map((entry) => entry.channel);
  for (const channel of channels) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, payload: unknown) => {
      const frame = event.senderFrame;
      if (!frame || frame.parent !== null || !isTrusted(event.sender, frame.url)) {
        return fail(
          appError('permission', 'Request refused: it did not come from the Parley window.'),
        );
      }
      return dispatch(channel, payload);
    });
  }
  return () => channels.forEach((channel) => ipcMain.removeHandler(channel));
}
