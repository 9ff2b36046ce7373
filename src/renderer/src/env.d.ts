import type { ParleyApi } from '../../shared/ipc';

declare global {
  interface Window {
    /** The only door to the rest of the app, exposed by the preload (or the browser-shell bridge). */
    readonly parley: ParleyApi;
  }
}

export {};
