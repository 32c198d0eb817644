/**
 * The renderer's only door to the outside: `window.sigex`, typed from the IPC contract (the
 * preload in Electron, the web shim in a browser). Nothing else is added to `window`.
 */
import type { SigexApi } from '../src-main/ipc/contract';

declare global {
  interface Window {
    sigex: SigexApi;
  }
}

export {};
