/**
 * The app's own executable as the CLI (`"SIGEX Desktop.exe" sign *.pdf` on an installed
 * machine): main.ts, run against a stand-in 'electron' module, dispatches a CLI first
 * argument headless — no window, no single-instance lock — with output on stdout and the
 * exit code given to app.exit; wildcards are expanded by the CLI.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { closedPort } from '../support/test-utils';

const mockState = { windows: 0, locks: 0, exits: [] as number[] };

jest.mock('electron', () => ({
  app: {
    requestSingleInstanceLock: () => (mockState.locks++, true),
    on: jest.fn(),
    whenReady: () => new Promise(() => undefined),
    exit: (code: number) => mockState.exits.push(code),
    quit: jest.fn(),
  },
  BrowserWindow: class {
    constructor() {
      mockState.windows++;
    }
  },
  dialog: {},
  ipcMain: { handle: jest.fn() },
  Menu: {},
  net: {},
  session: {},
  shell: {},
}));

async function runMain(args: string[], env: Record<string, string> = {}): Promise<{ out: string; code: number }> {
  let out = '';
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
    out += String(chunk);
    const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    cb?.();
    return true;
  });
  const errWrite = jest.spyOn(process.stderr, 'write').mockImplementation((_c: string | Uint8Array, ...rest: unknown[]) => {
    (rest.find((r) => typeof r === 'function') as (() => void) | undefined)?.();
    return true;
  });
  const saved = { argv: process.argv, env: { ...process.env } };
  process.argv = ['C:\\Program Files\\SIGEX Desktop\\SIGEX Desktop.exe', ...args];
  Object.assign(process.env, env);
  const before = mockState.exits.length;
  try {
    await jest.isolateModulesAsync(async () => {
      await import('../../src-main/main.js');
    });
    for (let i = 0; i < 500 && mockState.exits.length === before; i++) await new Promise((r) => setTimeout(r, 10));
  } finally {
    process.argv = saved.argv;
    process.env = saved.env;
    write.mockRestore();
    errWrite.mockRestore();
    process.removeAllListeners('SIGINT');
    process.removeAllListeners('SIGTERM');
  }
  return { out, code: mockState.exits[before] as number };
}

describe('"SIGEX Desktop.exe" <command>', () => {
  test('--version: printed on stdout, exit 0, no window, no single-instance lock', async () => {
    const r = await runMain(['--version']);
    expect(r.out).toMatch(/^sigex-desktop \d+\.\d+\.\d+/);
    expect(r.code).toBe(0);
    expect(mockState.windows).toBe(0);
    expect(mockState.locks).toBe(0);
  });

  test('sign <dir>/*.pdf --json: the CLI expands the pattern, one JSON line per matching file, the exit code reaches app.exit', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sigex-exe-cli-'));
    for (const n of ['b.pdf', 'a.pdf', 'c.txt']) fs.writeFileSync(path.join(dir, n), n);
    try {
      const port = await closedPort(); // NCALayer not running: each file fails, quickly
      const r = await runMain(['sign', path.join(dir, '*.pdf'), '--json'], {
        SIGEX_DESKTOP_DATA_DIR: path.join(dir, 'data'),
        NCALAYER_URL: `wss://127.0.0.1:${port}/`,
        SIGEX_URL: `http://127.0.0.1:${port}`,
      });
      const lines = r.out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { file: string; status: string });
      expect(lines.map((l) => l.file)).toEqual([path.join(dir, 'a.pdf'), path.join(dir, 'b.pdf')]);
      expect(lines.every((l) => l.status === 'failed')).toBe(true);
      expect(r.code).toBe(1);
      expect(mockState.windows).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
