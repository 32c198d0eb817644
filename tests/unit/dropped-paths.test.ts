/**
 * The rules for paths the renderer names (files:addDropped): Windows rules through path.win32
 * syntax on any system.
 */
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { acceptDroppedPath, checkDroppedPathSyntax, isInside } from '../../src-main/core/dropped-paths';

describe('Windows', () => {
  test.each(['C:\\Users\\buh\\Documents\\акт.pdf', 'D:/scans/invoice 1.pdf', 'z:\\a.pdf'])('accepts a file on a drive: %s', (p) => {
    expect(() => checkDroppedPathSyntax(p, 'win32')).not.toThrow();
  });

  test.each([
    ['\\\\fileserver\\share\\a.pdf', 'network share'],
    ['//fileserver/share/a.pdf', 'network share'],
    ['\\\\.\\PhysicalDrive0', 'device'],
    ['\\\\?\\GLOBALROOT\\Device\\HarddiskVolumeShadowCopy1\\a.pdf', 'device'],
    ['\\\\?\\C:\\a.pdf', 'device'],
    ['\\\\?\\UNC\\host\\share\\a.pdf', 'device'],
    ['a.pdf', 'relative'],
    ['..\\a.pdf', 'relative'],
    ['C:a.pdf', 'drive-relative'],
    ['\\Users\\a.pdf', 'rooted without a drive'],
    ['C:\\a.pdf:Zone.Identifier', 'alternate data stream'],
    ['C:\\a\0.pdf', 'NUL'],
  ])('refuses %s (%s)', (p) => {
    expect(() => checkDroppedPathSyntax(p, 'win32')).toThrow(expect.objectContaining({ kind: 'invalid-input' }));
  });

  test('inside: case of the parent, .. and siblings', () => {
    expect(isInside('C:\\work', 'C:\\work\\up\\a.pdf', 'win32')).toBe(true);
    expect(isInside('C:\\work', 'C:\\work-other\\a.pdf', 'win32')).toBe(false);
    expect(isInside('C:\\work', 'C:\\work\\..\\a.pdf', 'win32')).toBe(false);
    expect(isInside('C:\\work', 'D:\\work\\a.pdf', 'win32')).toBe(false);
    expect(isInside('C:\\work', 'C:\\work', 'win32')).toBe(false);
  });
});

describe('other systems', () => {
  test.each(['/home/buh/a.pdf', '/tmp/x y.pdf'])('accepts %s', (p) => {
    expect(() => checkDroppedPathSyntax(p, 'posix')).not.toThrow();
  });
  test.each(['a.pdf', './a.pdf', '/dev/sda', '/proc/self/environ', '/sys/kernel/x', '/tmp/../proc/1/mem'])('refuses %s', (p) => {
    expect(() => checkDroppedPathSyntax(p, 'posix')).toThrow(expect.objectContaining({ kind: 'invalid-input' }));
  });

  test('with a root: the real path must be inside it (links followed)', async () => {
    const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'dropped-'));
    try {
      const root = path.join(dir, 'root');
      await fsp.mkdir(root);
      await fsp.writeFile(path.join(root, 'in.pdf'), 'x');
      await fsp.writeFile(path.join(dir, 'out.pdf'), 'x');
      await fsp.symlink(path.join(dir, 'out.pdf'), path.join(root, 'link.pdf'));
      await expect(acceptDroppedPath(path.join(root, 'in.pdf'), { platform: 'posix', root })).resolves.toBe(
        await fsp.realpath(path.join(root, 'in.pdf')),
      );
      await expect(acceptDroppedPath(path.join(root, 'link.pdf'), { platform: 'posix', root })).rejects.toMatchObject({
        kind: 'invalid-input',
      });
      await expect(acceptDroppedPath(path.join(dir, 'out.pdf'), { platform: 'posix', root })).rejects.toMatchObject({
        kind: 'invalid-input',
      });
      await expect(acceptDroppedPath(path.join(root, 'missing.pdf'), { platform: 'posix', root })).rejects.toMatchObject({
        kind: 'invalid-input',
      });
      // without a root (the Electron app), any absolute local path passes the rules
      await expect(acceptDroppedPath(path.join(dir, 'out.pdf'), { platform: 'posix' })).resolves.toBe(path.join(dir, 'out.pdf'));
    } finally {
      await fsp.rm(dir, { recursive: true, force: true });
    }
  });
});
