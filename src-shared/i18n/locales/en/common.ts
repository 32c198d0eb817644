// en: texts shared by every screen (status bar, buttons, sizes, links). The reference catalogue.
const messages = {
  appName: 'SIGEX Desktop',
  loading: 'Loading…',
  actions: {
    cancel: 'Cancel',
    retry: 'Retry',
    tryAgain: 'Try again',
    startOver: 'Start over',
    close: 'Close',
    copy: 'Copy',
    copied: 'Copied',
    copyFailed: 'Could not copy',
    openFolder: 'Open folder',
    saveCopy: 'Save copy',
    remove: 'Remove',
    removeFile: 'Remove {{name}} from the list',
  },
  /** One wording for an untrusted NCALayer certificate: status bar, panel and Settings. */
  ncalayerUntrusted: 'NCALayer certificate is not trusted',
  statusBar: {
    label: 'Connection status',
    signingService: 'Signing service:',
    serviceVersion: '{{service}} {{version}}',
    checking: 'checking…',
    notDetected: 'not detected',
    kaztokenWaiting: 'waiting for KAZTOKEN mobile',
    kaztokenTokenWaiting: 'waiting for KAZTOKEN',
    serviceError: 'error',
    sigex: 'SIGEX:',
    online: 'online',
    offline: 'offline',
    sigexError: 'not available',
    recheck: 'Check connection',
    language: 'Interface language',
    settings: 'Settings',
  },
  size: {
    bytes: '{{value}} B',
    kb: '{{value}} KB',
    mb: '{{value}} MB',
    gb: '{{value}} GB',
  },
  links: {
    documentPage: 'Document page',
    verifyPage: 'Verify page',
    opensInBrowser: '(opens in the browser)',
  },
  notices: {
    settingsReset: 'The saved settings could not be read and were reset to the defaults.',
  },
} as const;

/** Same shape with plain strings: ru and kk are typed with it, so their keys must match en. */
export type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };
export type CommonMessages = Strings<typeof messages>;
export default messages;
