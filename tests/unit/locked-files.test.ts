/**
 * Files held by antivirus / indexers: EBUSY and EPERM injected through the fs seam. Temp
 * cleanup, the copy's final link and the settings rename are retried; a placed copy is never
 * reported failed; settings in memory change only after the write; one bad preset is dropped alone.
 */
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { saveSignedCopy } from '../../src-main/core/files';
import { realFs, retryLocked, type LockedFs } from '../../src-main/core/locked-fs';
import { SETTINGS_FILE, SettingsStore } from '../../src-main/core/settings';
import { DEFAULT_DOCUMENT_SETTINGS } from '../../src-main/ipc/contract';

let dir: string;
beforeEach(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'sigex-locked-'));
});
afterEach(() => fsp.rm(dir, { recursive: true, force: true }));

const sha = (b: string) => createHash('sha256').update(b).digest('hex');
const ID = 'lQsqLBaS4nQAIIMm';
const NO_WAIT = [0, 0, 0, 0];
const errno = (code: string) => Object.assign(new Error(`${code}: injected`), { code });

/** realFs, with `op` failing with `code` the first `times` calls (Infinity: always). */
function flaky(op: keyof LockedFs, code: string, times: number): LockedFs & { calls: Record<string, number> } {
  const calls: Record<string, number> = {};
  const wrap =
    <K extends keyof LockedFs>(name: K) =>
    (...args: Parameters<LockedFs[K]>) => {
      calls[name] = (calls[name] ?? 0) + 1;
      if (name === op && calls[name]! <= times) return Promise.reject(errno(code));
      return (realFs[name] as (...a: Parameters<LockedFs[K]>) => Promise<void>)(...args);
    };
  return { link: wrap('link'), copyFile: wrap('copyFile'), rename: wrap('rename'), rm: wrap('rm'), calls };
}

async function original(content = 'signed bytes') {
  const file = path.join(dir, 'Акт.pdf');
  await fsp.writeFile(file, content);
  return { file, content };
}

const copyOf = (file: string, content: string, fs: LockedFs) =>
  saveSignedCopy({
    source: file,
    dir,
    originalName: 'Акт.pdf',
    documentId: ID,
    expectedSha256: sha(content),
    fs,
    lockedBackoffMs: NO_WAIT,
  });

describe('retryLocked', () => {
  test('EBUSY / EPERM are retried; other errors and the last attempt are not', async () => {
    let n = 0;
    await expect(retryLocked(async () => (++n < 3 ? Promise.reject(errno('EBUSY')) : 'ok'), NO_WAIT)).resolves.toBe('ok');
    expect(n).toBe(3);
    n = 0;
    await expect(retryLocked(() => (++n, Promise.reject(errno('EPERM'))), NO_WAIT)).rejects.toMatchObject({ code: 'EPERM' });
    expect(n).toBe(5);
    n = 0;
    await expect(retryLocked(() => (++n, Promise.reject(errno('ENOENT'))), NO_WAIT)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(n).toBe(1);
  });
});

describe('the signed copy next to a scanner', () => {
  test('the final link fails with EBUSY twice, then the copy is placed', async () => {
    const { file, content } = await original();
    const fs = flaky('link', 'EBUSY', 2);
    const saved = await copyOf(file, content, fs);
    expect(saved.name).toBe(`Акт-SigexId${ID}.pdf`);
    expect(await fsp.readFile(saved.path, 'utf8')).toBe(content);
    expect(fs.calls.link).toBe(3);
    expect((await fsp.readdir(dir)).sort()).toEqual(['Акт.pdf', saved.name].sort());
  });

  test('EPERM on the link that persists: the exclusive copy is used instead (no hard links here)', async () => {
    const { file, content } = await original();
    const fs = flaky('link', 'EPERM', Infinity);
    const saved = await copyOf(file, content, fs);
    expect(await fsp.readFile(saved.path, 'utf8')).toBe(content);
    expect(fs.calls.copyFile).toBe(1);
  });

  test('the exclusive copy locked once: what it created is removed and the retry places it under the first name', async () => {
    const { file, content } = await original();
    const calls = { copy: 0 };
    const fs: LockedFs = {
      ...realFs,
      link: () => Promise.reject(errno('ENOTSUP')),
      copyFile: async (a, b, mode) => {
        if (++calls.copy === 1) {
          await fsp.writeFile(b, 'partial'); // created, then the scanner got in the way
          throw errno('EBUSY');
        }
        return realFs.copyFile(a, b, mode);
      },
    };
    const saved = await copyOf(file, content, fs);
    expect(saved.name).toBe(`Акт-SigexId${ID}.pdf`);
    expect(await fsp.readFile(saved.path, 'utf8')).toBe(content);
  });

  test('a placed copy whose temp file cannot be removed is still a success', async () => {
    const { file, content } = await original();
    const fs = flaky('rm', 'EBUSY', Infinity);
    const saved = await copyOf(file, content, fs);
    expect(await fsp.readFile(saved.path, 'utf8')).toBe(content);
    expect(fs.calls.rm).toBe(5); // the cleanup was retried before giving up on it
  });

  test('locked for good: file-in-use, and nothing under a final name', async () => {
    const { file, content } = await original();
    const fs: LockedFs = { ...realFs, link: () => Promise.reject(errno('EBUSY')) };
    await expect(copyOf(file, content, fs)).rejects.toMatchObject({ kind: 'file-in-use' });
    expect(await fsp.readdir(dir)).toEqual(['Акт.pdf']);
  });
});

describe('settings next to a scanner', () => {
  const settingsText = () => fsp.readFile(path.join(dir, SETTINGS_FILE), 'utf8');

  test('the rename fails with EPERM twice, then the settings are saved', async () => {
    const fs = flaky('rename', 'EPERM', 2);
    const s = new SettingsStore(dir, {}, { fs, lockedBackoffMs: NO_WAIT });
    await s.load();
    await expect(s.update({ language: 'kk' })).resolves.toMatchObject({ language: 'kk' });
    expect(JSON.parse(await settingsText()).language).toBe('kk');
    expect(fs.calls.rename).toBe(3);
  });

  test('a write that fails for good changes nothing: not in memory, not on disk, no temp file left', async () => {
    const fs = flaky('rename', 'EBUSY', 0);
    const s = new SettingsStore(dir, {}, { fs, lockedBackoffMs: NO_WAIT });
    await s.load();
    await s.update({ language: 'en' });
    const before = await settingsText();
    const locked = flaky('rename', 'EBUSY', Infinity);
    const t = new SettingsStore(dir, {}, { fs: locked, lockedBackoffMs: NO_WAIT });
    await t.load();
    await expect(t.update({ language: 'kk', autoSaveCopy: false })).rejects.toMatchObject({ code: 'EBUSY' });
    expect(t.view()).toMatchObject({ language: 'en', autoSaveCopy: true });
    expect(t.effective().language).toBe('en');
    expect(await settingsText()).toBe(before);
    expect(await fsp.readdir(dir)).toEqual([SETTINGS_FILE]);
    // the next change starts from what is really stored
    const ok = new SettingsStore(dir);
    await ok.load();
    await expect(ok.update({ autoSaveCopy: false })).resolves.toMatchObject({ language: 'en', autoSaveCopy: false });
  });

  test('one invalid preset is dropped alone; the rest of the file is kept, no reset', async () => {
    const good = { name: 'Договоры', options: { emails: ['buh@example.kz'], settings: { ...DEFAULT_DOCUMENT_SETTINGS } } };
    const bad = { name: 'Broken', options: { emails: ['not an e-mail'], settings: { ...DEFAULT_DOCUMENT_SETTINGS } } };
    await fsp.writeFile(
      path.join(dir, SETTINGS_FILE),
      JSON.stringify({ version: 1, language: 'kk', autoSaveCopy: false, presets: [bad, good, 42], recentEmails: ['a@b.kz', 'nope'] }),
    );
    const s = new SettingsStore(dir);
    const v = await s.load();
    expect(v.presets.map((p) => p.name)).toEqual(['Договоры']);
    expect(v.recentEmails).toEqual(['a@b.kz']);
    expect(v).toMatchObject({ language: 'kk', autoSaveCopy: false });
    expect(s.notices).toEqual([]);
    expect(await fsp.readdir(dir)).toEqual([SETTINGS_FILE]);
  });
});
