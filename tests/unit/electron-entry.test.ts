/**
 * The Electron entry files, run against a recorded stand-in of the 'electron' module (the real
 * binary can't run here): the window's security settings, navigation and new windows denied,
 * permissions refused, every contract channel handled through the guard, and the preload's
 * single named API object.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_DOCUMENT_SETTINGS, invokeChannels, type SigexApi } from '../../src-main/ipc/contract';
import { apiMethods } from '../../src-shared/api-methods';

type Listener = (...args: unknown[]) => unknown;

const recorded = {
  windowOptions: [] as Array<Record<string, unknown>>,
  windowOpenHandlers: [] as Listener[],
  contentsOn: new Map<string, Listener>(),
  appOn: new Map<string, Listener>(),
  handlers: new Map<string, Listener>(),
  permissionHandler: null as Listener | null,
  permissionCheckHandler: null as Listener | null,
  schemes: [] as unknown[],
  protocolHandlers: new Map<string, Listener>(),
  exposed: new Map<string, unknown>(),
  invoked: [] as Array<{ channel: string; args: unknown[] }>,
  invokeResult: { ok: true, value: 'result' } as unknown,
  openedExternal: [] as string[],
  loaded: [] as string[],
  windowOn: new Map<string, Listener>(),
  closed: 0,
  messageBoxes: [] as Array<Record<string, unknown>>,
  messageBoxResponse: 1,
  netFetched: [] as string[],
};
let whenReady: () => void = () => undefined;
// jest lets a mock factory read variables whose names start with "mock".
// Per process: two runs at once (a CI run beside a local one) must not delete each other's files.
const mockDataDir = path.join(os.tmpdir(), `sigex-electron-entry-test-${process.pid}`);
const APP_ROOT = '/opt/SIGEX Desktop/resources/app.asar';

jest.mock(
  'electron',
  () => {
    const mainFrame = { url: 'app://sigex/index.html' };
    const webContents = {
      mainFrame,
      setWindowOpenHandler: (h: Listener) => recorded.windowOpenHandlers.push(h),
      on: (event: string, l: Listener) => recorded.contentsOn.set(event, l),
      send: jest.fn(),
    };
    class BrowserWindow {
      webContents = webContents;
      constructor(options: Record<string, unknown>) {
        recorded.windowOptions.push(options);
      }
      once() {}
      on(event: string, l: Listener) {
        recorded.windowOn.set(event, l);
      }
      close() {
        recorded.closed++;
      }
      loadFile(file: string) {
        recorded.loaded.push(file);
        return Promise.resolve();
      }
      loadURL(url: string) {
        recorded.loaded.push(url);
        return Promise.resolve();
      }
      isMinimized() {
        return false;
      }
      restore() {}
      focus() {}
    }
    return {
      app: {
        requestSingleInstanceLock: () => true,
        on: (event: string, l: Listener) => recorded.appOn.set(event, l),
        whenReady: () => new Promise<void>((resolve) => (whenReady = resolve)),
        getPath: () => mockDataDir,
        getLocale: () => 'kk-KZ',
        getAppPath: () => '/opt/SIGEX Desktop/resources/app.asar',
        getVersion: () => '0.0.0-test',
        quit: jest.fn(),
        exit: jest.fn(),
      },
      BrowserWindow,
      dialog: {
        showOpenDialog: jest.fn(),
        showMessageBox: async (_w: unknown, o: Record<string, unknown>) => {
          recorded.messageBoxes.push(o);
          return { response: recorded.messageBoxResponse };
        },
      },
      ipcMain: { handle: (channel: string, l: Listener) => recorded.handlers.set(channel, l) },
      Menu: { setApplicationMenu: jest.fn() },
      net: {
        fetch: async (url: string) => {
          recorded.netFetched.push(url);
          return new Response(JSON.stringify({ version: 'sim' }), { status: 200, headers: { 'Content-Type': 'application/json' } });
        },
      },
      session: {
        defaultSession: {
          setPermissionRequestHandler: (h: Listener) => (recorded.permissionHandler = h),
          setPermissionCheckHandler: (h: Listener) => (recorded.permissionCheckHandler = h),
        },
      },
      protocol: {
        registerSchemesAsPrivileged: (schemes: unknown[]) => recorded.schemes.push(...schemes),
        handle: (scheme: string, h: Listener) => recorded.protocolHandlers.set(scheme, h),
      },
      shell: { openExternal: async (url: string) => void recorded.openedExternal.push(url), showItemInFolder: jest.fn() },
      contextBridge: { exposeInMainWorld: (name: string, api: unknown) => recorded.exposed.set(name, api) },
      ipcRenderer: {
        invoke: async (channel: string, ...args: unknown[]) => {
          recorded.invoked.push({ channel, args });
          return recorded.invokeResult;
        },
        on: jest.fn(),
        removeListener: jest.fn(),
      },
      webUtils: { getPathForFile: (f: { name: string }) => `/home/user/${f.name}` },
    };
  },
  { virtual: false },
);

// The data directory (and the first start's file in it) lives until the LAST test of this
// file: the later describe blocks use the same started main.ts, whose first-start file may
// still be registering on a loaded machine (removing it earlier made that test flaky).
const savedDataDir = process.env.SIGEX_DESKTOP_DATA_DIR;
afterAll(() => {
  if (savedDataDir === undefined) delete process.env.SIGEX_DESKTOP_DATA_DIR;
  else process.env.SIGEX_DESKTOP_DATA_DIR = savedDataDir;
  fs.rmSync(mockDataDir, { recursive: true, force: true });
});

describe('main.ts', () => {
  beforeAll(async () => {
    process.env.SIGEX_DESKTOP_DATA_DIR = mockDataDir;
    // First start with a file on the command line ("Open with", the Explorer verb).
    fs.mkdirSync(mockDataDir, { recursive: true });
    fs.writeFileSync(path.join(mockDataDir, 'first.pdf'), 'x');
    const argv = process.argv;
    process.argv = ['/opt/SIGEX Desktop/sigex-desktop', path.join(mockDataDir, 'first.pdf')];
    await import('../../src-main/main.js');
    process.argv = argv;
    whenReady();
    // let start() run: settings load, handlers, window
    for (let i = 0; i < 50 && recorded.windowOptions.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
  });

  test('the window runs sandboxed, isolated, without Node', () => {
    const prefs = recorded.windowOptions[0]!.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(prefs.preload).toBe(path.join(APP_ROOT, 'dist', 'preload', 'preload.js'));
  });

  test('the window loads the renderer from app://sigex, which serves only the built renderer folder', async () => {
    expect(recorded.loaded).toEqual(['app://sigex/index.html']);
    expect(recorded.schemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    const serve = recorded.protocolHandlers.get('app')!;
    const before = recorded.netFetched.length;
    const ok = (await serve({ url: 'app://sigex/assets/index-1.js' })) as Response;
    expect(ok.status).toBe(200);
    expect(recorded.netFetched.slice(before)).toEqual([
      pathToFileURL(path.join(APP_ROOT, 'dist', 'renderer', 'assets', 'index-1.js')).toString(),
    ]);
    for (const url of ['app://sigex/..%2f..%2fpackage.json', 'app://other/index.html', 'app://sigex/a%5c..%5c..%5cx']) {
      expect(((await serve({ url })) as Response).status).toBe(404);
    }
    expect(recorded.netFetched.length).toBe(before + 1);
  });

  test('new windows are denied and navigation is prevented', () => {
    for (const h of recorded.windowOpenHandlers) expect(h({ url: 'https://evil.example' })).toEqual({ action: 'deny' });
    const prevent = jest.fn();
    recorded.contentsOn.get('will-navigate')!({ preventDefault: prevent }, 'https://evil.example');
    expect(prevent).toHaveBeenCalled();
  });

  test('every permission is refused but the clipboard write, and that only for app://sigex', () => {
    const ask = (permission: string, requestingUrl: string) => {
      const cb = jest.fn();
      recorded.permissionHandler!({}, permission, cb, { requestingUrl });
      return cb.mock.calls[0]![0] as boolean;
    };
    expect(ask('media', 'app://sigex/index.html')).toBe(false);
    expect(ask('notifications', 'app://sigex/index.html')).toBe(false);
    expect(ask('clipboard-read', 'app://sigex/index.html')).toBe(false);
    expect(ask('clipboard-sanitized-write', 'app://sigex/index.html')).toBe(true);
    expect(ask('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    const check = recorded.permissionCheckHandler!;
    expect(check({}, 'clipboard-sanitized-write', 'app://sigex')).toBe(true);
    expect(check({}, 'clipboard-sanitized-write', 'file://')).toBe(false);
    expect(check({}, 'geolocation', 'app://sigex')).toBe(false);
  });

  test('every contract channel has a handler, and each goes through the guard', async () => {
    expect([...recorded.handlers.keys()].sort()).toEqual(Object.keys(invokeChannels).sort());
    const fromSubFrame = await recorded.handlers.get('app:info')!({ senderFrame: { url: 'file:///x' } });
    expect(fromSubFrame).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    const win = recorded.windowOptions.length;
    expect(win).toBe(1);
    // the window's own frame, but showing a local file instead of app://sigex: refused
    const { BrowserWindow } = await import('electron');
    const frame = new BrowserWindow({}).webContents.mainFrame as { url: string };
    frame.url = 'file:///home/user/evil.html';
    expect(await recorded.handlers.get('app:info')!({ senderFrame: frame })).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    frame.url = 'app://sigex/index.html';
    expect(await recorded.handlers.get('app:info')!({ senderFrame: frame })).toMatchObject({ ok: true });
  });

  test('new e-mail recipients and a SIGEX address change: a native warning in the app language, "no" by default; refused, nothing starts or changes', async () => {
    const { BrowserWindow } = await import('electron');
    const frame = new BrowserWindow({}).webContents.mainFrame;
    recorded.messageBoxResponse = 1; // the second button: do not send / keep
    const asked = recorded.messageBoxes.length;
    const options = { emails: ['attacker@evil.example'], settings: DEFAULT_DOCUMENT_SETTINGS };
    const start = await recorded.handlers.get('sign:start')!(
      { senderFrame: frame },
      { handles: ['fh_' + 'a'.repeat(22)], method: 'ncalayer', options },
    );
    expect(start).toMatchObject({ ok: false, error: { kind: 'recipients-not-confirmed' } });
    expect(recorded.messageBoxes.slice(asked)).toEqual([
      expect.objectContaining({
        type: 'warning',
        title: 'Хаттардың жаңа алушылары',
        detail: expect.stringContaining('attacker@evil.example'),
        buttons: ['Осы мекенжайларға жіберу', 'Жібермеу'],
        defaultId: 1,
        cancelId: 1,
      }),
    ]);
    const update = await recorded.handlers.get('settings:update')!({ senderFrame: frame }, { sigexUrl: 'https://sigex.evil.example' });
    expect(update).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
    expect(recorded.messageBoxes.slice(asked + 1)).toEqual([
      expect.objectContaining({
        type: 'warning',
        detail: expect.stringContaining('https://sigex.evil.example'),
        defaultId: 1,
        cancelId: 1,
      }),
    ]);
    const info = (await recorded.handlers.get('app:info')!({ senderFrame: frame })) as { value: { sigexUrl: string } };
    expect(info.value.sigexUrl).not.toContain('evil');
  });

  test('openExternal refuses URLs outside the allow-list and opens allowed ones', async () => {
    const { BrowserWindow } = await import('electron');
    const frame = new BrowserWindow({}).webContents.mainFrame;
    const call = (url: string) => recorded.handlers.get('shell:openExternal')!({ senderFrame: frame }, url);
    expect(await call('file:///C:/Windows/System32/calc.exe')).toEqual({ ok: true, value: false });
    expect(await call('https://sigex.kz/show/?id=abc')).toEqual({ ok: true, value: true });
    expect(recorded.openedExternal).toEqual(['https://sigex.kz/show/?id=abc']);
  });
});

describe('main.ts log', () => {
  test("the renderer's log lines land in the data directory's log file, redacted; a line with a line break is refused", async () => {
    const { BrowserWindow } = await import('electron');
    const frame = new BrowserWindow({}).webContents.mainFrame;
    const write = recorded.handlers.get('log:write')!;
    expect(await write({ senderFrame: frame }, 'warn', 'NCALayer said PIN: 4321 for IIN 880101300123')).toEqual({ ok: true });
    expect(await write({ senderFrame: frame }, 'error', 'forged\n2026-01-01T00:00:00.000Z INFO all good')).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input' },
    });
    const log = fs.readFileSync(path.join(mockDataDir, 'logs', 'sigex-desktop.log'), 'utf8');
    expect(log).toMatch(/ WARN \[renderer\] NCALayer said PIN: \*\*\* for IIN \*{8}0123\n/);
    expect(log).not.toContain('4321');
    expect(log).not.toContain('forged');
    // and "Copy diagnostics" includes those last lines
    const diag = (await recorded.handlers.get('app:diagnostics')!({ senderFrame: frame })) as { ok: true; value: string };
    expect(diag.value).toMatch(/^SIGEX Desktop 0\.0\.0-test \(electron\)/);
    expect(diag.value).toContain('[renderer] NCALayer said PIN: ***');
  });
});

describe('main.ts network', () => {
  test("SIGEX requests go through Chromium's net.fetch (system proxy, Windows certificate store)", async () => {
    const { BrowserWindow } = await import('electron');
    const frame = new BrowserWindow({}).webContents.mainFrame;
    recorded.netFetched.length = 0;
    const status = (await recorded.handlers.get('connection:check')!({ senderFrame: frame })) as { ok: boolean; value: { sigex: unknown } };
    expect(status.ok).toBe(true);
    expect(recorded.netFetched.some((u) => u.endsWith('/api/version'))).toBe(true);
  });
});

describe('main.ts files from the command line', () => {
  // The files are registered in the background: on a loaded machine that can take seconds.
  const WAIT = { tries: 1500, ms: 10, testTimeout: 30_000 };
  test(
    "the first start's files wait for the window, which takes them once",
    async () => {
      const { BrowserWindow } = await import('electron');
      const frame = new BrowserWindow({}).webContents.mainFrame;
      let taken: { value: { files: Array<{ name: string }> } } = { value: { files: [] } };
      for (let i = 0; i < WAIT.tries && taken.value.files.length === 0; i++) {
        await new Promise((r) => setTimeout(r, WAIT.ms));
        taken = (await recorded.handlers.get('files:takeOpened')!({ senderFrame: frame })) as typeof taken;
      }
      expect(taken.value.files.map((f) => f.name)).toEqual(['first.pdf']);
    },
    WAIT.testTimeout,
  );

  test(
    "a second instance's files (Send to, the Explorer verb) reach the window's list; switches are not files; a missing file is an error",
    async () => {
      const { BrowserWindow } = await import('electron');
      const w = new BrowserWindow({});
      const send = w.webContents.send as jest.Mock;
      send.mockClear();
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sigex-argv-'));
      fs.writeFileSync(path.join(dir, 'Акт 1.pdf'), 'x');
      const exe = '/opt/SIGEX Desktop/sigex-desktop';
      recorded.appOn.get('second-instance')!({}, [exe, '--allow-file-access-from-files', 'Акт 1.pdf', path.join(dir, 'missing.pdf')], dir);
      for (let i = 0; i < WAIT.tries && send.mock.calls.length === 0; i++) await new Promise((r) => setTimeout(r, WAIT.ms));
      expect(send).toHaveBeenCalledWith('files:opened', null);
      const taken = (await recorded.handlers.get('files:takeOpened')!({ senderFrame: w.webContents.mainFrame })) as {
        ok: true;
        value: { files: Array<{ name: string }>; errors: Array<{ kind: string }> };
      };
      expect(taken.value.files.map((f) => f.name)).toEqual(['Акт 1.pdf']);
      expect(taken.value.errors).toEqual([expect.objectContaining({ kind: 'file-unreadable' })]);
      // taken once: the inbox is empty afterwards
      const again = (await recorded.handlers.get('files:takeOpened')!({ senderFrame: w.webContents.mainFrame })) as {
        value: { files: [] };
      };
      expect(again.value.files).toEqual([]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
    WAIT.testTimeout,
  );
});

describe('main.ts quitting', () => {
  test('a signed file waiting for SIGEX: the question (app language) names the count; Stay keeps the window; nothing waiting closes at once', async () => {
    const { OutboxStore } = await import('../../src-main/core/outbox/store.js');
    const store = new OutboxStore(mockDataDir);
    await store.save({
      v: 1,
      id: 'ob_queuedqueued1',
      kind: 'register',
      createdAt: new Date().toISOString(),
      updatedAt: '',
      method: 'ncalayer',
      language: 'kk',
      file: { path: '/docs/a.pdf', name: 'a.pdf', size: 1, mtimeMs: 1, sha256: 'a'.repeat(64) },
      cms: 'MA==',
      options: { emails: [], settings: DEFAULT_DOCUMENT_SETTINGS },
      copyDir: null,
      step: 'registering',
      state: 'queued',
      attempts: 1,
      nextAttemptAt: Date.now() + 3_600_000,
    });
    const closedBefore = recorded.closed;
    recorded.messageBoxResponse = 1; // Stay
    recorded.windowOn.get('close')!({ preventDefault: jest.fn() });
    await new Promise((r) => setTimeout(r, 100));
    expect(recorded.messageBoxes.at(-1)).toMatchObject({ message: expect.stringContaining('1'), buttons: ['Шығу', 'Қалу'] });
    expect(recorded.closed).toBe(closedBefore);
    // nothing waits any more: no question, the window closes
    await store.remove('ob_queuedqueued1');
    const asked = recorded.messageBoxes.length;
    recorded.windowOn.get('close')!({ preventDefault: jest.fn() });
    await new Promise((r) => setTimeout(r, 100));
    expect(recorded.messageBoxes).toHaveLength(asked);
    expect(recorded.closed).toBe(closedBefore + 1);
  });
});

describe('preload.ts', () => {
  let api: SigexApi;
  beforeAll(async () => {
    await import('../../src-main/preload.js');
    api = recorded.exposed.get('sigex') as SigexApi;
  });

  test('exposes exactly one object, window.sigex, with one named method per operation and no generic invoke', () => {
    expect([...recorded.exposed.keys()]).toEqual(['sigex']);
    expect(Object.keys(api).sort()).toEqual(
      [...Object.keys(apiMethods), 'addDroppedFiles', 'onJobUpdate', 'onOutboxUpdate', 'onFilesOpened'].sort(),
    );
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('send');
  });

  test('methods call their own channel; failures reject with the error value', async () => {
    recorded.invokeResult = { ok: true, value: { version: 'x' } };
    await expect(api.getAppInfo()).resolves.toEqual({ version: 'x' });
    expect(recorded.invoked.at(-1)).toEqual({ channel: 'app:info', args: [] });
    recorded.invokeResult = { ok: false, error: { kind: 'invalid-input', message: 'no' } };
    await expect(api.releaseFiles(['fh_x'])).rejects.toEqual({ kind: 'invalid-input', message: 'no' });
  });

  test('dropped files are resolved to paths in the preload, not by the page', async () => {
    recorded.invokeResult = { ok: true, value: [] };
    await api.addDroppedFiles([{ name: 'Акт.pdf', size: 1 }]);
    expect(recorded.invoked.at(-1)).toEqual({ channel: 'files:addDropped', args: [['/home/user/Акт.pdf']] });
  });
});
