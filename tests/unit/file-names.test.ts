/** Windows name rules through path.win32 on Linux: lengths, device names, trailing dots, long paths. */
import * as path from 'node:path';
import {
  copyNameFitsBeforeRegistering,
  copyNameFor,
  fsPath,
  isReservedWindowsName,
  nameFits,
  nameLength,
} from '../../src-main/core/file-names';
import { detectSigexId } from '../../src-main/core/sigex-id';

const ID = 'lQsqLBaS4nQAIIMm';
const cyrillic = (n: number) => 'Ж'.repeat(n);

describe('name length', () => {
  test('Windows counts UTF-16 units, Linux UTF-8 bytes', () => {
    expect(nameLength('Акт.pdf', 'win32')).toBe(7);
    expect(nameLength('Акт.pdf', 'posix')).toBe(10);
    expect(nameLength('😀', 'win32')).toBe(2);
    expect(nameFits('a'.repeat(255), 'win32')).toBe(true);
    expect(nameFits('a'.repeat(256), 'win32')).toBe(false);
  });

  test('a 148-letter Cyrillic name: its copy fits on Windows, not on Linux (checked before registering)', () => {
    const name = `${cyrillic(148)}.pdf`;
    expect(copyNameFitsBeforeRegistering(name, 'win32')).toBe(true);
    expect(copyNameFitsBeforeRegistering(name, 'posix')).toBe(false);
    // the limit on Windows: 255 units for name + "-SigexId" + 16 + ".pdf"
    expect(copyNameFitsBeforeRegistering(`${'a'.repeat(255 - 28)}.pdf`, 'win32')).toBe(true);
    expect(copyNameFitsBeforeRegistering(`${'a'.repeat(256 - 28)}.pdf`, 'win32')).toBe(false);
  });
});

describe('Windows names', () => {
  test('device names, with or without an extension, any case, trailing spaces/dots', () => {
    for (const n of ['CON', 'con.txt', 'NUL .pdf', 'Aux', 'PRN.tar.gz', 'COM1', 'com9.pdf', 'LPT1', 'lpt3.docx', 'COM¹', 'CONIN$']) {
      expect([n, isReservedWindowsName(n)]).toEqual([n, true]);
    }
    for (const n of ['CONSOLE.pdf', 'CON-SigexIdABC.pdf', 'COM10', 'nul1.txt', 'xCON', 'report.CON']) {
      expect([n, isReservedWindowsName(n)]).toEqual([n, false]);
    }
  });

  test('the copy name has no trailing dots or spaces and no forbidden characters on Windows', () => {
    expect(copyNameFor('report. ', ID, 'win32')).toBe(`report-SigexId${ID}`);
    expect(copyNameFor('report.pdf. .', ID, 'win32')).toBe(`report-SigexId${ID}.pdf`);
    expect(copyNameFor('a:b|c?.pdf', ID, 'win32')).toBe(`a_b_c_-SigexId${ID}.pdf`);
    expect(copyNameFor('Акт сверки.pdf', ID, 'win32', ' (2)')).toBe(`Акт сверки (2)-SigexId${ID}.pdf`);
    // elsewhere the name is kept as it is
    expect(copyNameFor('a:b.pdf', ID, 'posix')).toBe(`a:b-SigexId${ID}.pdf`);
  });

  test('paths of 260 characters and more get the \\\\?\\ form; shorter ones and POSIX paths do not', () => {
    const short = 'C:\\Users\\buh\\Documents\\Акт.pdf';
    expect(fsPath(short, path.win32)).toBe(short);
    const long = `C:\\Users\\buh\\${'Папка с длинным именем\\'.repeat(12)}Акт.pdf`;
    expect(long.length).toBeGreaterThanOrEqual(260);
    expect(fsPath(long, path.win32)).toBe(`\\\\?\\${long}`);
    const share = `\\\\server\\docs\\${'d'.repeat(260)}.pdf`;
    expect(fsPath(share, path.win32)).toBe(`\\\\?\\UNC\\server\\docs\\${'d'.repeat(260)}.pdf`);
    expect(fsPath(`\\\\?\\${long}`, path.win32)).toBe(`\\\\?\\${long}`);
    const posixLong = `/home/u/${'x'.repeat(300)}`;
    expect(fsPath(posixLong, path.posix)).toBe(posixLong);
  });
});

describe('copies Windows and browsers make of a signed file are recognised as signed', () => {
  test.each([
    `act-SigexId${ID} (1).pdf`,
    `act-SigexId${ID} - Copy.pdf`,
    `act-SigexId${ID} - Copy (2).pdf`,
    `act-SigexId${ID} - копия.pdf`,
    `act-SigexId${ID} - Копия (3).pdf`,
    `act-SigexId${ID} - Көшірме.pdf`,
    `act-SigexId${ID} (1)`,
  ])('%s', (name) => {
    expect(detectSigexId(name)).toBe(ID);
  });

  test('other words after the id are not taken for a copy', () => {
    expect(detectSigexId(`act-SigexId${ID} - draft.pdf`)).toBeNull();
    expect(detectSigexId(`act-SigexId${ID}(1).pdf`)).toBeNull();
  });
});
