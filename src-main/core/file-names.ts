/**
 * File-name rules of the system the copy is written on. NTFS counts a name in UTF-16 units
 * (255), ext4 in UTF-8 bytes (255): a 148-letter Cyrillic name fits on Windows and not on
 * Linux. Windows also refuses device names (CON, NUL, COM1...) and drops trailing dots and
 * spaces, and paths of 260 characters and more need the `\\?\` form. Pure functions, the
 * platform given explicitly so tests run the Windows rules (with path.win32) on Linux.
 */
import * as path from 'node:path';
import { buildSigexName } from './sigex-id';

export type NamePlatform = 'win32' | 'posix';

export const MAX_NAME_LENGTH = 255;
/** Windows' classic MAX_PATH, terminating NUL included. */
export const MAX_PATH = 260;
/**
 * The id length assumed when a copy name is checked before registering (ids are 16 letters
 * and digits, PROTOCOLS.md); a longer id is still caught when the copy is written.
 */
export const ASSUMED_ID_LENGTH = 16;

export function currentNamePlatform(): NamePlatform {
  return process.platform === 'win32' ? 'win32' : 'posix';
}

/** The length the file system counts: UTF-16 units on Windows, UTF-8 bytes elsewhere. */
export function nameLength(name: string, platform: NamePlatform): number {
  return platform === 'win32' ? name.length : Buffer.byteLength(name, 'utf8');
}

export function nameFits(name: string, platform: NamePlatform): boolean {
  return nameLength(name, platform) <= MAX_NAME_LENGTH;
}

const DEVICE = /^(CON|PRN|AUX|NUL|CONIN\$|CONOUT\$|COM[0-9¹²³]|LPT[0-9¹²³])$/i;

/** CON, NUL, COM1, lpt3.txt, "aux .pdf": Windows opens a device instead of a file. */
export function isReservedWindowsName(name: string): boolean {
  const stem = name.split('.')[0] ?? '';
  return DEVICE.test(stem.replace(/[ .]+$/, ''));
}

/** Characters NTFS refuses in a name (and control characters). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const WINDOWS_FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f]/g;

/**
 * `<name>-SigexId<id>.<ext>` made valid for the platform. On Windows: forbidden characters
 * become `_` (a name from another system), trailing dots and spaces are removed (Windows would
 * silently drop them and the name on disk would differ), a device name gets a `_` prefix.
 */
export function copyNameFor(originalName: string, id: string, platform: NamePlatform, suffix = ''): string {
  if (platform !== 'win32') return buildSigexName(originalName, id, suffix);
  const trimmed = originalName.replace(/[. ]+$/, '') || '_';
  let safe = buildSigexName(trimmed.replace(WINDOWS_FORBIDDEN, '_'), id, suffix).replace(/[. ]+$/, '');
  if (isReservedWindowsName(safe)) safe = `_${safe}`;
  return safe;
}

/** Would the copy of `originalName` fit, whatever (16-character) id SIGEX gives it? */
export function copyNameFitsBeforeRegistering(originalName: string, platform: NamePlatform): boolean {
  return nameFits(copyNameFor(originalName, 'X'.repeat(ASSUMED_ID_LENGTH), platform), platform);
}

type PathModule = Pick<typeof path, 'resolve' | 'toNamespacedPath' | 'sep'>;

/**
 * The path to give the file system: on Windows, a path of MAX_PATH characters or more becomes
 * `\\?\C:\...` (`\\?\UNC\server\share\...` for a share), which lifts the limit; shorter ones
 * and every path elsewhere are returned unchanged (they are also what the user sees).
 */
export function fsPath(p: string, pathModule: PathModule = path): string {
  if (pathModule.sep !== '\\' || p.startsWith('\\\\?\\')) return p;
  const abs = pathModule.resolve(p);
  return abs.length >= MAX_PATH ? pathModule.toNamespacedPath(abs) : p;
}
