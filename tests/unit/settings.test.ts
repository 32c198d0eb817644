import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_NCALAYER_URL, envOverrides, SETTINGS_FILE, SettingsStore } from '../../src-main/core/settings';

let dir: string;
beforeEach(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'sigex-settings-'));
});
afterEach(() => fsp.rm(dir, { recursive: true, force: true }));

describe('SettingsStore', () => {
  test('defaults when no file exists, and nothing is written until a change', async () => {
    const s = new SettingsStore(dir);
    const v = await s.load();
    expect(v.ncalayerUrl).toBe(DEFAULT_NCALAYER_URL);
    expect(v.autoSaveCopy).toBe(true);
    expect(v.language).toBeNull();
    await expect(fsp.readdir(dir)).resolves.toEqual([]);
  });

  test('round-trips through the file', async () => {
    const a = new SettingsStore(dir);
    await a.load();
    await a.update({ language: 'kk', autoSaveCopy: false, recentEmails: ['a@b.kz'] });
    const b = new SettingsStore(dir);
    const v = await b.load();
    expect(v).toMatchObject({ language: 'kk', autoSaveCopy: false, recentEmails: ['a@b.kz'] });
    expect(JSON.parse(await fsp.readFile(path.join(dir, SETTINGS_FILE), 'utf8')).version).toBe(1);
  });

  test('writes atomically: no temp files left, the file is always complete JSON', async () => {
    const s = new SettingsStore(dir);
    await s.load();
    await Promise.all(Array.from({ length: 20 }, (_, i) => s.update({ recentEmails: [`u${i}@b.kz`] })));
    const files = await fsp.readdir(dir);
    expect(files).toEqual([SETTINGS_FILE]);
    const stored = JSON.parse(await fsp.readFile(path.join(dir, SETTINGS_FILE), 'utf8'));
    expect(stored.recentEmails).toEqual(['u19@b.kz']);
  });

  test('a corrupt file is moved aside, defaults are used and a notice is raised', async () => {
    await fsp.writeFile(path.join(dir, SETTINGS_FILE), '{"version":1, "language": "kk", ');
    const s = new SettingsStore(dir);
    const v = await s.load();
    expect(v.language).toBeNull();
    expect(s.notices).toEqual(['settings-reset']);
    const files = await fsp.readdir(dir);
    expect(files.some((f) => f.startsWith(`${SETTINGS_FILE}.corrupt-`))).toBe(true);
    expect(files).not.toContain(SETTINGS_FILE);
  });

  test('a file with wrong types is treated as corrupt too', async () => {
    await fsp.writeFile(path.join(dir, SETTINGS_FILE), JSON.stringify({ version: 1, autoSaveCopy: 'yes' }));
    const s = new SettingsStore(dir);
    await s.load();
    expect(s.notices).toEqual(['settings-reset']);
  });

  test('an older file missing fields keeps what it has', async () => {
    await fsp.writeFile(path.join(dir, SETTINGS_FILE), JSON.stringify({ version: 1, language: 'en' }));
    const s = new SettingsStore(dir);
    expect((await s.load()).language).toBe('en');
    expect(s.notices).toEqual([]);
  });

  test('invalid updates are refused and change nothing on disk', async () => {
    const s = new SettingsStore(dir);
    await s.load();
    await s.update({ language: 'ru' });
    const before = await fsp.readFile(path.join(dir, SETTINGS_FILE), 'utf8');
    await expect(s.update({ sigexUrl: 'ftp://x' } as never)).rejects.toMatchObject({ kind: 'invalid-input' });
    expect(await fsp.readFile(path.join(dir, SETTINGS_FILE), 'utf8')).toBe(before);
  });

  test('environment variables override what is stored, without changing it', async () => {
    const overrides = envOverrides({ SIGEX_URL: 'http://127.0.0.1:9/', NCALAYER_URL: 'wss://127.0.0.1:1/', NCALAYER_CA_FILE: '/x/ca.pem' });
    const s = new SettingsStore(dir, overrides);
    await s.load();
    expect(s.effective()).toMatchObject({ sigexUrl: 'http://127.0.0.1:9', ncalayerUrl: 'wss://127.0.0.1:1/', extraCaFile: '/x/ca.pem' });
    expect(s.view().sigexUrl).toBe('https://sigex.kz');
  });

  test.each([
    ['SIGEX_URL', 'http://evil.example'],
    ['SIGEX_URL', 'ftp://sigex.kz'],
    ['SIGEX_URL', 'https://sigex.kz/api?x=1'],
    ['NCALAYER_URL', 'wss://evil.example:13579/'],
    ['NCALAYER_URL', 'ws://127.0.0.1:13579/'],
    ['NCALAYER_CA_FILE', 'relative/ca.pem'],
  ])('an environment override is checked like the setting: %s=%s is refused, naming the variable', (name, value) => {
    expect(() => envOverrides({ [name]: value })).toThrow(
      expect.objectContaining({ kind: 'invalid-input', message: expect.stringContaining(name) }),
    );
  });

  test('paths are set only through setPath (main dialogs), and clearing the CA works', async () => {
    const s = new SettingsStore(dir);
    await s.load();
    await s.setPath('copyFolder', '/home/u/Signed');
    await s.setPath('extraCaFile', '/home/u/ca.pem');
    expect(s.view()).toMatchObject({ copyFolder: '/home/u/Signed', copyLocation: 'folder', extraCaFile: '/home/u/ca.pem' });
    expect((await s.update({ clearExtraCaFile: true })).extraCaFile).toBeNull();
  });
});
