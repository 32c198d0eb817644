/**
 * What the app's own command line asks for, Electron-free so it is unit-tested: a CLI command
 * (`"SIGEX Desktop.exe" sign *.pdf` on an installed machine, where `npx sigex-desktop` does not
 * exist), or files to add to the window's list (Explorer's "Send to", the "Sign with SIGEX
 * Desktop" verb, "Open with", a second instance's command line).
 */
import * as path from 'node:path';

/** The CLI's commands (cli.ts types its command table with these names). */
export const CLI_COMMAND_NAMES = ['sign', 'check', 'cosign', 'outbox', 'history'] as const;
export type CliCommandName = (typeof CLI_COMMAND_NAMES)[number];
const CLI_FIRST_ARGS = new Set<string>([...CLI_COMMAND_NAMES, 'help', '--help', '-h', '--version', '-V']);

export type Launch = { kind: 'cli'; args: string[] } | { kind: 'gui'; files: string[] };

export interface LaunchContext {
  /**
   * True when run as `electron <app-dir> ...` from a source checkout (Electron's
   * `process.defaultApp`): then argv[1] is the app folder, not a user argument.
   */
  defaultApp: boolean;
  /** Relative file arguments resolve here (a second instance passes its own directory). */
  cwd: string;
  /** path.win32 on Windows; tests pass it on Linux. */
  pathModule?: Pick<typeof path, 'resolve' | 'isAbsolute'>;
}

/** The user's arguments: argv without the executable (and without the app folder in a checkout). */
export function userArgs(argv: readonly string[], defaultApp: boolean): string[] {
  return argv.slice(defaultApp ? 2 : 1);
}

/**
 * argv -> a CLI run when the first user argument is a CLI command, else the files to open.
 * Chromium and Electron switches (`--flag`, `--key=value`; a second instance's argv carries
 * some) and empty arguments are never taken for files. Explorer passes absolute paths, so a
 * file literally named `sign` in the current folder reaches the window as `.\sign`.
 */
export function parseLaunch(argv: readonly string[], ctx: LaunchContext): Launch {
  const args = userArgs(argv, ctx.defaultApp);
  const first = args[0];
  if (first !== undefined && CLI_FIRST_ARGS.has(first)) return { kind: 'cli', args };
  return { kind: 'gui', files: filesFromArgs(args, ctx) };
}

export function filesFromArgs(args: readonly string[], ctx: Pick<LaunchContext, 'cwd' | 'pathModule'>): string[] {
  const p = ctx.pathModule ?? path;
  const out: string[] = [];
  const seen = new Set<string>();
  for (const a of args) {
    if (a === '' || a.startsWith('-')) continue;
    const abs = p.isAbsolute(a) ? p.resolve(a) : p.resolve(ctx.cwd, a);
    if (seen.has(abs)) continue;
    seen.add(abs);
    out.push(abs);
  }
  return out;
}
