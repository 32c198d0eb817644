/** Wildcards the CLI expands itself (cmd.exe does not): Windows rules through path.win32, POSIX rules, the real file system. */
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expandGlobs } from '../../src-main/cli/globs';

const winFolder: Record<string, string[]> = {
  'C:\\Users\\buh\\Documents': ['Акт-01.PDF', 'акт-02.pdf', 'report.pdf', 'notes.txt', '.hidden.pdf', 'акт-100.pdf'],
  'D:\\Договоры': ['договор 1.pdf', 'договор 2.docx'],
};
const win = {
  cwd: 'C:\\Users\\buh\\Documents',
  platform: 'win32' as const,
  pathModule: path.win32,
  listFiles: (d: string) => winFolder[d] ?? [],
};

describe('expandGlobs on Windows (path.win32)', () => {
  test('*.pdf in the current folder: case-insensitive, dot-files included, sorted by name', () => {
    expect(expandGlobs(['*.pdf'], win)).toEqual(['.hidden.pdf', 'report.pdf', 'Акт-01.PDF', 'акт-02.pdf', 'акт-100.pdf']);
  });

  test('? is one character; a folder in the pattern keeps its form', () => {
    expect(expandGlobs(['акт-??.pdf'], win)).toEqual(['Акт-01.PDF', 'акт-02.pdf']);
    expect(expandGlobs(['D:\\Договоры\\*.pdf'], win)).toEqual(['D:\\Договоры\\договор 1.pdf']);
    expect(expandGlobs(['..\\Documents\\*.txt'], win)).toEqual(['..\\Documents\\notes.txt']);
  });

  test('no match, plain names and wildcards in folder parts stay as given; order of arguments kept', () => {
    expect(expandGlobs(['*.xlsx', 'plain.pdf', 'C:\\*\\a.pdf', '*.txt'], win)).toEqual([
      '*.xlsx',
      'plain.pdf',
      'C:\\*\\a.pdf',
      'notes.txt',
    ]);
  });
});

describe('expandGlobs elsewhere', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'sigex-glob-'));
    for (const n of ['a.pdf', 'B.PDF', '.dot.pdf', 'c.txt']) await fsp.writeFile(path.join(dir, n), 'x');
    await fsp.mkdir(path.join(dir, 'folder.pdf'));
  });
  afterEach(() => fsp.rm(dir, { recursive: true, force: true }));

  test('the real file system: files only, case counts, dot-files need a dot', () => {
    const ctx = { cwd: dir, platform: 'posix' as const };
    expect(expandGlobs(['*.pdf'], ctx)).toEqual(['a.pdf']);
    expect(expandGlobs(['*.PDF', '.*'], ctx)).toEqual(['B.PDF', '.dot.pdf']);
    expect(expandGlobs([path.join(dir, '?.txt')], { cwd: '/', platform: 'posix' })).toEqual([path.join(dir, 'c.txt')]);
    expect(expandGlobs([path.join(dir, 'missing', '*.pdf')], ctx)).toEqual([path.join(dir, 'missing', '*.pdf')]);
  });
});
