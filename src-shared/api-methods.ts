/**
 * window.sigex method -> IPC channel. Plain data so the preload bundle and the web shim can
 * build the API object from it at run time; the contract checks it against its channel table.
 */
export const apiMethods = {
  getAppInfo: 'app:info',
  getSettings: 'settings:get',
  updateSettings: 'settings:update',
  chooseCopyFolder: 'settings:chooseCopyFolder',
  chooseCaFile: 'settings:chooseCaFile',
  chooseFiles: 'files:choose',
  releaseFiles: 'files:release',
  takeOpenedFiles: 'files:takeOpened',
  checkConnection: 'connection:check',
  testConnection: 'connection:test',
  getSigexConsts: 'sigex:consts',
  startSigning: 'sign:start',
  cancelSigning: 'sign:cancel',
  saveCopy: 'sign:saveCopy',
  showCopy: 'shell:showCopy',
  openExternal: 'shell:openExternal',
  retryFile: 'sign:retryFile',
  listOutbox: 'outbox:list',
  retryOutbox: 'outbox:retry',
  discardOutbox: 'outbox:discard',
  queryHistory: 'history:query',
  exportHistoryCsv: 'history:exportCsv',
  showHistoryCopy: 'history:showCopy',
  saveHistoryCopy: 'history:saveCopy',
  log: 'log:write',
  getDiagnostics: 'app:diagnostics',
  checkDocument: 'cosign:check',
  cosign: 'cosign:sign',
  cosignQrStart: 'cosign:qrStart',
  cosignQrNext: 'cosign:qrNext',
  cosignQrCancel: 'cosign:qrCancel',
  saveDocumentCard: 'cosign:saveCard',
  saveRegisteredCard: 'sign:saveCard',
} as const;

/** Events main sends to the renderer. */
export const JOB_UPDATE_EVENT = 'job:update';
export const OUTBOX_UPDATE_EVENT = 'outbox:update';
export const FILES_OPENED_EVENT = 'files:opened';
/** The preload-only channel for dropped files' paths. */
export const ADD_DROPPED_CHANNEL = 'files:addDropped';

/**
 * Failed calls reject with this shape (an ErrorView from the core): `kind` says what went
 * wrong, the renderer turns it into text with formatError().
 */
export interface RejectedCall {
  kind: string;
  message: string;
}
