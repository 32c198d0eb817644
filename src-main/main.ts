/**
 * Electron entry. Thin: single-instance lock, one window with the security baseline, IPC
 * wired through the one guarded dispatcher, Electron's dialogs and shell given to the core.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, session, shell, type IpcMainInvokeEvent } from 'electron';
import { pathToFileURL } from 'node:url';
import { APP_INDEX_URL, APP_ORIGIN, APP_SCHEME, permissionAllowed, rendererFileFor } from './app-protocol';
import * as path from 'node:path';
import { createCore, languageFromLocale, resolveDataDir, type CoreServices } from './core/compose';
import { quitPrompt } from '../src-shared/i18n/quit-prompt';
import { addressChangePrompt } from '../src-shared/i18n/address-prompt';
import { recipientsPrompt } from '../src-shared/i18n/recipients-prompt';
import { invokeChannels, type InvokeChannel } from './ipc/contract';
import { appSenderCheck, createDispatcher } from './ipc/guard';
import { createHandlers, forwardOutboxUpdates, type Emit, type HostPorts } from './ipc/handlers';
import { logger } from './logger';
import { OpenedFilesInbox } from './ipc/opened-files';
import { parseLaunch } from './launch-args';
import { runCliProcess } from './cli';
import { chromiumSigexHttp } from './core/net/proxy';
import { RotatingLog } from './core/log-file';

// Built files, relative to the app's root (the folder with package.json, or app.asar).
const RENDERER_DIR = () => path.join(app.getAppPath(), 'dist', 'renderer');
const PRELOAD = () => path.join(app.getAppPath(), 'dist', 'preload', 'preload.js');
let win: BrowserWindow | null = null;
let coreReady: (core: CoreServices) => void = () => undefined;
const coreStarted = new Promise<CoreServices>((resolve) => (coreReady = resolve));
// Files from the command line, Explorer's "Send to" / verb, or a second instance's argv.
const openedFiles = new OpenedFilesInbox(
  async (file) => (await coreStarted).files.add(file),
  () => win?.webContents.send('files:opened', null),
);
const launchOf = (argv: readonly string[], cwd: string) => parseLaunch(argv, { defaultApp: !!process.defaultApp, cwd });
const launch = launchOf(process.argv, process.cwd());

function createWindow(): BrowserWindow {
  const w = new BrowserWindow({
    width: 1000,
    height: 720,
    minWidth: 800,
    minHeight: 600,
    title: 'SIGEX Desktop',
    show: false,
    webPreferences: {
      preload: PRELOAD(),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      // A middle click must not open a link in a new window (Electronegativity AUXCLICK).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  w.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  w.webContents.on('will-navigate', (e) => e.preventDefault());
  w.webContents.on('will-attach-webview', (e) => e.preventDefault());
  w.once('ready-to-show', () => w.show());
  void w.loadURL(APP_INDEX_URL);
  return w;
}

async function start(): Promise<void> {
  const dataDir = resolveDataDir(process.env, app.getPath('userData'));
  // A GUI app on Windows has no stdout: the log is a rotating file in the data directory.
  logger.toFile(new RotatingLog(path.join(dataDir, 'logs')));
  const core = await createCore({
    dataDir,
    systemLanguage: languageFromLocale(app.getLocale()),
    // Queued signatures are retried in the background while the app runs.
    worker: {},
    // SIGEX through Chromium's network stack: the system proxy (PAC too) and certificate store.
    sigexHttp: chromiumSigexHttp(
      (input, init) => net.fetch(input as string, init),
      (url) => session.defaultSession.resolveProxy(url),
    ),
  });
  const host: HostPorts = {
    kind: 'electron',
    version: app.getVersion(),
    systemLanguage: languageFromLocale(app.getLocale()),
    chooseFiles: async () => {
      const r = await dialog.showOpenDialog(win!, { properties: ['openFile', 'multiSelections'] });
      return r.canceled ? [] : r.filePaths;
    },
    chooseFolder: async () => {
      const r = await dialog.showOpenDialog(win!, { properties: ['openDirectory', 'createDirectory'] });
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    chooseCaFile: async () => {
      const r = await dialog.showOpenDialog(win!, {
        properties: ['openFile'],
        filters: [{ name: 'PEM', extensions: ['pem', 'crt', 'cer'] }],
      });
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    openExternal: (url) => shell.openExternal(url),
    showItemInFolder: (file) => shell.showItemInFolder(file),
    log: (level, message) => logger[level](message),
    logTail: (n) => logger.tail(n),
    openedFiles,
    // The rules (one at a time, no repeats after a refusal) live in ipc/confirmations.ts.
    confirmAddressChange: (changes) => askWarning(addressChangePrompt(changes, uiLanguage(core))),
    confirmRecipients: (emails, documents) => askWarning(recipientsPrompt(emails, documents, uiLanguage(core))),
  };
  const emit: Emit = (event, payload) => win?.webContents.send(event, payload);
  const dispatch = createDispatcher(createHandlers(core, host, emit), appSenderCheck([APP_ORIGIN]));
  forwardOutboxUpdates(core, emit);
  for (const channel of Object.keys(invokeChannels) as InvokeChannel[]) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, ...args: unknown[]) =>
      dispatch(channel, { url: event.senderFrame?.url ?? '', isAppFrame: !!win && event.senderFrame === win.webContents.mainFrame }, args),
    );
  }
  // The renderer's files, from app://sigex/ only (see app-protocol.ts).
  protocol.handle(APP_SCHEME, async (request) => {
    const file = rendererFileFor(request.url, RENDERER_DIR());
    return file ? net.fetch(pathToFileURL(file).toString()) : new Response('Not found', { status: 404 });
  });
  // The app needs no camera, notifications, geolocation...: every permission is refused but
  // the clipboard write of the "copy" buttons, and only for our own page.
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(permissionAllowed(permission, details.requestingUrl)),
  );
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    permissionAllowed(permission, requestingOrigin),
  );
  Menu.setApplicationMenu(null);
  win = createWindow();
  askBeforeQuitting(win, core);
  coreReady(core);
  if (launch.kind === 'gui') void openedFiles.add(launch.files);
}

function uiLanguage(core: CoreServices) {
  return core.settings.effective().language ?? languageFromLocale(app.getLocale());
}

/** A native warning with [yes, no] buttons, "no" the default and the Escape answer; true for yes. */
async function askWarning(p: { title: string; message: string; detail: string; buttons: [string, string] }): Promise<boolean> {
  const options = { type: 'warning' as const, ...p, defaultId: 1, cancelId: 1, noLink: true };
  const r = win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
  return r.response === 0;
}

/** Closing while signed files wait for SIGEX: say they finish next time, and let the user stay. */
function askBeforeQuitting(w: BrowserWindow, core: CoreServices): void {
  let confirmed = false;
  w.on('close', (e) => {
    if (confirmed) return;
    e.preventDefault();
    void (async () => {
      const lang = core.settings.effective().language ?? languageFromLocale(app.getLocale());
      const prompt = quitPrompt(await core.deliveries.list(), lang);
      if (prompt) {
        const r = await dialog.showMessageBox(w, { type: 'warning', ...prompt, defaultId: 0, cancelId: 1, noLink: true });
        if (r.response !== 0) return;
      }
      confirmed = true;
      await core.close();
      w.close();
    })();
  });
}

if (launch.kind === 'cli') {
  // `"SIGEX Desktop.exe" sign *.pdf`: the CLI, headless (no window, no single-instance lock);
  // Electron on Windows writes stdout / stderr to the console that started it.
  runCliProcess(launch.args, (code) => app.exit(code));
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Before "ready": app:// is a standard, secure scheme (relative URLs, fetch, a real origin).
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
  ]);
  app.on('second-instance', (_e, argv: string[], workingDirectory: string) => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
    const launch = launchOf(argv, workingDirectory);
    if (launch.kind === 'gui') void openedFiles.add(launch.files);
  });
  app.on('web-contents-created', (_e, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (e) => e.preventDefault());
  });
  app.on('window-all-closed', () => app.quit());
  app
    .whenReady()
    .then(start)
    .catch((e: unknown) => {
      // e.g. SIGEX_URL set to something that is not a SIGEX address: say so, do not start.
      logger.error(`start failed: ${String(e)}`);
      dialog.showErrorBox('SIGEX Desktop', e instanceof Error ? e.message : String(e));
      app.exit(1);
    });
}
