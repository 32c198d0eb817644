/** The app's own command line: CLI commands vs files to open, Windows paths through path.win32. */
import * as path from 'node:path';
import { CLI_COMMAND_NAMES, filesFromArgs, parseLaunch, userArgs } from '../../src-main/launch-args';

const win = { defaultApp: false, cwd: 'C:\\Users\\buh\\Documents', pathModule: path.win32 };
const EXE = 'C:\\Users\\buh\\AppData\\Local\\Programs\\SIGEX Desktop\\SIGEX Desktop.exe';

describe('parseLaunch', () => {
  test('Send to / the Explorer verb: absolute paths become files, in order, without duplicates', () => {
    const a = 'C:\\Users\\buh\\Desktop\\Акт сверки.pdf';
    const b = 'D:\\Договоры\\договор 15.docx';
    expect(parseLaunch([EXE, a, b, a], win)).toEqual({ kind: 'gui', files: [a, b] });
  });

  test('relative arguments resolve against the given folder (a second instance passes its own)', () => {
    expect(parseLaunch([EXE, 'report.pdf', '..\\scan.png'], win)).toEqual({
      kind: 'gui',
      files: ['C:\\Users\\buh\\Documents\\report.pdf', 'C:\\Users\\buh\\scan.png'],
    });
  });

  test("Chromium's switches in a second instance's argv are not files", () => {
    const argv = [EXE, '--allow-file-access-from-files', '--original-process-start-time=13380000000', 'C:\\a.pdf'];
    expect(parseLaunch(argv, win)).toEqual({ kind: 'gui', files: ['C:\\a.pdf'] });
  });

  test('nothing given: an empty list', () => {
    expect(parseLaunch([EXE], win)).toEqual({ kind: 'gui', files: [] });
  });

  test('a CLI command as the first argument runs the CLI with the rest, unchanged', () => {
    for (const c of CLI_COMMAND_NAMES)
      expect(parseLaunch([EXE, c, '*.pdf', '--json'], win)).toEqual({ kind: 'cli', args: [c, '*.pdf', '--json'] });
    expect(parseLaunch([EXE, '--version'], win)).toEqual({ kind: 'cli', args: ['--version'] });
    expect(parseLaunch([EXE, '--help'], win)).toEqual({ kind: 'cli', args: ['--help'] });
  });

  test('a command word that is not first is a file name', () => {
    expect(parseLaunch([EXE, 'C:\\x.pdf', 'sign'], win)).toEqual({ kind: 'gui', files: ['C:\\x.pdf', 'C:\\Users\\buh\\Documents\\sign'] });
  });

  test('in a source checkout (electron .), the app folder is not a user argument', () => {
    expect(userArgs(['/usr/bin/electron', '.', 'sign', 'a.pdf'], true)).toEqual(['sign', 'a.pdf']);
    expect(parseLaunch(['/usr/bin/electron', '.', 'a.pdf'], { defaultApp: true, cwd: '/home/u' })).toEqual({
      kind: 'gui',
      files: ['/home/u/a.pdf'],
    });
  });

  test('POSIX paths with the default path module', () => {
    expect(filesFromArgs(['/tmp/a b.pdf', 'c.pdf'], { cwd: '/srv' })).toEqual(['/tmp/a b.pdf', '/srv/c.pdf']);
  });
});
