/**
 * Paths the renderer hands to main ("files:addDropped"): the renderer is not trusted to name
 * any path it likes. Accepted: an absolute path to an existing regular file on a local or
 * mapped drive. Refused: relative paths, UNC shares (`\\host\share`, which would make Windows
 * send the user's credentials to that host), device and namespace paths (`\\.\`, `\\?\`,
 * `\\?\GLOBALROOT`), alternate data streams (`file.pdf:stream`), and on other systems the
 * kernel's pseudo file systems. A host that owns a directory (the web host's upload folder)
 * also requires the file's real path to lie inside it.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { AppError } from './errors';

export type PathPlatform = 'win32' | 'posix';

function refuse(p: string, why: string): AppError {
  return new AppError('invalid-input', `refused path (${why}): ${p}`, { params: { name: p.split(/[\\/]/).pop() ?? p } });
}

/** Syntax rules only (no file-system access); throws invalid-input. */
export function checkDroppedPathSyntax(p: string, platform: PathPlatform): void {
  if (p.includes('\0')) throw refuse(p, 'NUL character');
  if (platform === 'win32') {
    // Only "X:\..." passes: UNC shares (\\host\share, //host/share), device and namespace paths
    // (\\.\, \\?\) and relative or drive-relative paths all fail this one rule.
    if (!/^[A-Za-z]:[\\/]/.test(p)) throw refuse(p, 'not a file on a local or mapped drive');
    if (p.indexOf(':', 2) !== -1) throw refuse(p, 'alternate data stream');
    return;
  }
  if (!path.posix.isAbsolute(p)) throw refuse(p, 'not an absolute path');
  const norm = path.posix.normalize(p);
  if (/^\/(dev|proc|sys)(\/|$)/.test(norm)) throw refuse(p, 'device or kernel file system');
}

/** Is `child` (a real path) inside `root` (a real path)? */
export function isInside(root: string, child: string, platform: PathPlatform): boolean {
  const api = platform === 'win32' ? path.win32 : path.posix;
  const rel = api.relative(root, child);
  return rel !== '' && !rel.startsWith('..') && !api.isAbsolute(rel);
}

/**
 * Full check for a dropped path: syntax, then (when `root` is given) the real path lies inside
 * root, so neither `..` nor a symbolic link leads out of it. Returns the path to register.
 */
export async function acceptDroppedPath(p: string, o: { platform: PathPlatform; root?: string }): Promise<string> {
  checkDroppedPathSyntax(p, o.platform);
  if (o.root === undefined) return p;
  let real: string;
  let realRoot: string;
  try {
    [real, realRoot] = await Promise.all([fsp.realpath(p), fsp.realpath(o.root)]);
  } catch {
    throw refuse(p, 'not found');
  }
  if (!isInside(realRoot, real, o.platform)) throw refuse(p, 'outside the upload folder');
  return real;
}

export const currentPathPlatform = (): PathPlatform => (process.platform === 'win32' ? 'win32' : 'posix');
