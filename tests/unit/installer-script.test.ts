/**
 * The NSIS include (assets/installer.nsh) that adds "Send to > SIGEX Desktop" and the Explorer
 * verb: referenced by electron-builder.yml, per-user only (HKCU, the user's SendTo), and every
 * entry the installer writes is removed by the uninstaller. The installer itself runs only on
 * Windows (README: manual check).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const yml = fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8');

/** The include's path from electron-builder.yml (nsis.include). */
function includePath(): string {
  const nsis = /^nsis:\n((?:[ \t]+.*\n|[ \t]*#.*\n)+)/m.exec(yml)?.[1] ?? '';
  const m = /^\s+include:\s*(\S+)\s*$/m.exec(nsis);
  if (!m) throw new Error('electron-builder.yml has no nsis.include');
  return m[1] as string;
}

interface Script {
  defines: Map<string, string>;
  macros: Map<string, string[]>;
}

function parse(text: string): Script {
  const defines = new Map<string, string>();
  const macros = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/^\s*;.*$/, '').trim();
    if (!line) continue;
    const def = /^!define\s+(\S+)\s+"(.*)"$/.exec(line);
    if (def) defines.set(def[1] as string, def[2] as string);
    const start = /^!macro\s+(\S+)/.exec(line);
    if (start) macros.set(start[1] as string, (current = []));
    else if (line === '!macroend') current = null;
    else current?.push(line.replace(/\$\{(SIGEX_[A-Z_]+)\}/g, (_m, name: string) => defines.get(name) ?? `<undefined ${name}>`));
  }
  return { defines, macros };
}

/** The quoted or bare arguments of an NSIS instruction. */
function args(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].slice(1).map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

const file = path.join(ROOT, includePath());
const script = parse(fs.readFileSync(file, 'utf8'));
const install = script.macros.get('customInstall') ?? [];
const uninstall = script.macros.get('customUnInstall') ?? [];

describe('installer.nsh', () => {
  test('electron-builder.yml includes it, and the installer is per-user (no admin)', () => {
    expect(fs.existsSync(file)).toBe(true);
    expect(yml).toMatch(/^\s+perMachine:\s*false\s*$/m);
    expect(install.length).toBeGreaterThan(0);
    expect(uninstall.length).toBeGreaterThan(0);
  });

  test('"Send to > SIGEX Desktop": a shortcut in the user\'s SendTo to the app, deleted on uninstall', () => {
    const links = install.filter((l) => l.startsWith('CreateShortCut')).map(args);
    expect(links).toEqual([
      [expect.stringMatching(/^\$SENDTO\\SIGEX Desktop\.lnk$/), '$INSTDIR\\${APP_EXECUTABLE_FILENAME}', '', expect.any(String), '0'],
    ]);
    const deleted = uninstall.filter((l) => l.startsWith('Delete ')).map((l) => args(l)[0]);
    for (const [link] of links) expect(deleted).toContain(link);
  });

  test('the verb "Sign with SIGEX Desktop" for every file, in HKCU only, passing the file to the app', () => {
    const writes = install.filter((l) => l.startsWith('WriteReg')).map(args);
    expect(writes.length).toBeGreaterThan(0);
    for (const [root] of writes) expect(root).toBe('HKCU');
    const command = writes.find(([, key]) => key === 'Software\\Classes\\*\\shell\\SigexDesktop.Sign\\command');
    expect(command?.[3]).toBe('"$INSTDIR\\${APP_EXECUTABLE_FILENAME}" "%1"');
    expect(writes.find(([, , name]) => name === 'MUIVerb')?.[3]).toBe('$1');
    const texts = (script.macros.get('sigexVerbText') ?? []).filter((l) => l.startsWith('StrCpy')).map((l) => args(l)[1]);
    expect(texts).toEqual(['Подписать в SIGEX Desktop', 'SIGEX Desktop арқылы қол қою', 'Sign with SIGEX Desktop']);
  });

  test('every registry key written is deleted on uninstall (itself or a parent key)', () => {
    const written = install.filter((l) => l.startsWith('WriteReg')).map((l) => args(l).slice(0, 2).join('\\'));
    const deleted = uninstall.filter((l) => l.startsWith('DeleteRegKey')).map((l) => args(l).slice(0, 2).join('\\'));
    for (const key of written) expect(deleted.some((d) => key === d || key.startsWith(`${d}\\`))).toBe(true);
    // never a whole shared key
    for (const d of deleted) expect(d).toMatch(/SigexDesktop/);
  });
});

describe('sigex-desktop.cmd (the CLI from cmd / PowerShell)', () => {
  test('is installed next to the app and runs it with every argument, waiting, passing the exit code on', () => {
    expect(yml).toMatch(/extraFiles:\n\s+- from: assets\/sigex-desktop\.cmd\n\s+to: sigex-desktop\.cmd/);
    const cmd = fs.readFileSync(path.join(ROOT, 'assets', 'sigex-desktop.cmd'), 'utf8');
    expect(cmd).toContain('\r\n'); // cmd.exe wants CRLF
    const run = cmd.split('\r\n').find((l) => l.startsWith('start '));
    expect(run).toBe('start "" /b /wait "%~dp0SIGEX Desktop.exe" %*');
    expect(cmd).toMatch(/^exit \/b %ERRORLEVEL%$/m);
    // the executable name is the product name electron-builder gives it
    expect(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).productName).toBe('SIGEX Desktop');
  });
});
