/**
 * `*` and `?` in file arguments, expanded by the CLI itself: cmd.exe hands `*.pdf` over as it
 * is (PowerShell too, for native programs). Only the last path segment may hold wildcards
 * (`C:\Docs\*.pdf`, `акт-??.pdf`); an argument that matches nothing stays as it was, so its
 * line says the file was not found. Windows matches without regard to case and includes
 * names starting with a dot; elsewhere case counts and dot-files need an explicit dot.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface GlobContext {
  cwd: string;
  platform: 'win32' | 'posix';
  /** path.win32 on Windows; tests pass it on Linux. */
  pathModule?: Pick<typeof path, 'resolve' | 'dirname' | 'basename' | 'join' | 'isAbsolute'>;
  /** The regular files in a folder (names only); tests give an in-memory listing. */
  listFiles?: (dir: string) => string[];
}

export function hasWildcard(arg: string): boolean {
  return /[*?]/.test(arg);
}

function realListFiles(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name);
  } catch (e) {
    void e; // a folder that does not exist or cannot be read matches nothing
    return [];
  }
}

export function globToRegExp(pattern: string, platform: GlobContext['platform']): RegExp {
  const body = [...pattern].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`, platform === 'win32' ? 'iu' : 'u');
}

/** Each argument with wildcards -> the matching files (sorted by name), in the argument's form (relative stays relative). */
export function expandGlobs(args: readonly string[], ctx: GlobContext): string[] {
  const p = ctx.pathModule ?? path;
  const list = ctx.listFiles ?? realListFiles;
  const out: string[] = [];
  for (const arg of args) {
    const base = p.basename(arg);
    const dirPart = arg.slice(0, arg.length - base.length);
    if (!hasWildcard(base) || hasWildcard(dirPart)) {
      out.push(arg);
      continue;
    }
    const re = globToRegExp(base, ctx.platform);
    const dir = p.resolve(ctx.cwd, dirPart || '.');
    const matches = list(dir)
      .filter((name) => re.test(name) && (ctx.platform === 'win32' || !name.startsWith('.') || base.startsWith('.')))
      .sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base', numeric: true }));
    if (matches.length === 0) out.push(arg);
    else out.push(...matches.map((name) => dirPart + name));
  }
  return out;
}
