#!/usr/bin/env node
/**
 * Headless entry on the same core: batch signing and scripting. Each command lives in
 * src-main/cli/; with --json, stdout carries only JSON lines (a stable contract).
 * Exit 0: done; 1: any file failed or was skipped; 2: usage error; 3: some files queued.
 */
import { envOverrides } from './core/settings';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AppError } from './core/errors';
import { EXIT, type CliIo } from './cli/common';
import { HISTORY_USAGE, parseHistoryArgs, runHistory } from './cli/history';
import { OUTBOX_USAGE, parseOutboxArgs, runOutbox } from './cli/outbox';
import { parseSignArgs, runSign, SIGN_USAGE } from './cli/sign';
import { CHECK_USAGE, COSIGN_USAGE, parseCosignArgs, runCheck, runCosign } from './cli/cosign';
import { expandGlobs } from './cli/globs';
import type { CliCommandName } from './launch-args';

export const USAGE = `Usage:
  ${SIGN_USAGE}

  ${CHECK_USAGE}

  ${COSIGN_USAGE}

  ${OUTBOX_USAGE}

  ${HISTORY_USAGE}

  sigex-desktop --help | --version
  This text (also \`help\`, \`-h\`, or --help after a command) / the program's version (also -V).

Exit codes: 0 done, 1 a file failed or was skipped, 2 usage error, 3 some files are queued
(signed, waiting for SIGEX: they finish with \`outbox --retry\` or in the app).
Environment: SIGEX_URL, NCALAYER_URL, NCALAYER_CA_FILE, SIGEX_DESKTOP_DATA_DIR;
HTTPS_PROXY / HTTP_PROXY / NO_PROXY for reaching SIGEX through an office proxy.
On an installed Windows machine: "<install folder>\\sigex-desktop.cmd" <command> ...`;

/** Parses a command's arguments (throwing a usage error) into the run that carries it out. */
type Command = (rest: string[]) => (io: CliIo) => Promise<number>;

const COMMANDS: Record<CliCommandName, Command> = {
  sign: (rest) => {
    const args = parseSignArgs(rest);
    return (io) => {
      // cmd does not expand `*.pdf`: the CLI does, relative to the current folder.
      args.files = expandGlobs(args.files, { cwd: process.cwd(), platform: process.platform === 'win32' ? 'win32' : 'posix' });
      return runSign(args, io);
    };
  },
  check: (rest) => {
    const args = parseCosignArgs(rest, 'check');
    return (io) => {
      args.files = expandGlobs(args.files, { cwd: process.cwd(), platform: process.platform === 'win32' ? 'win32' : 'posix' });
      return runCheck(args, io);
    };
  },
  cosign: (rest) => {
    const args = parseCosignArgs(rest, 'cosign');
    return (io) => {
      args.files = expandGlobs(args.files, { cwd: process.cwd(), platform: process.platform === 'win32' ? 'win32' : 'posix' });
      return runCosign(args, io);
    };
  },
  outbox: (rest) => {
    const args = parseOutboxArgs(rest);
    return (io) => runOutbox(args, io);
  },
  history: (rest) => {
    const args = parseHistoryArgs(rest);
    return (io) => runHistory(args, io);
  },
};

const HELP = new Set(['--help', '-h', 'help']);
const VERSION = new Set(['--version', '-V']);

/** The version in the nearest package.json named sigex-desktop above this file (source or dist). */
export function cliVersion(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'sigex-desktop' && pkg.version) return pkg.version;
    } catch {
      // no package.json here: look one level up
    }
    if (path.dirname(dir) === dir) return 'unknown';
  }
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  // `--help` anywhere (or `help`) prints the usage on stdout and succeeds; `--version` likewise.
  if ((command !== undefined && HELP.has(command)) || rest.includes('--help') || rest.includes('-h')) {
    io.out(`${USAGE}\n`);
    return EXIT.ok;
  }
  if (command !== undefined && VERSION.has(command)) {
    io.out(`sigex-desktop ${cliVersion()}\n`);
    return EXIT.ok;
  }
  let run: (io: CliIo) => Promise<number>;
  try {
    const parse = command !== undefined && Object.hasOwn(COMMANDS, command) ? COMMANDS[command as CliCommandName] : undefined;
    if (!parse) throw new AppError('invalid-input', command ? `unknown command: ${command}` : 'no command given');
    run = parse(rest);
  } catch (e) {
    io.err(`${(e as Error).message}\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  try {
    envOverrides(io.env); // SIGEX_URL / NCALAYER_URL / NCALAYER_CA_FILE are checked like the settings
  } catch (e) {
    io.err(`${(e as Error).message}\n`);
    return EXIT.usage;
  }
  return run(io);
}

/** Exit once stdout and stderr are flushed (pipes are asynchronous on Windows). */
function exitAfterFlush(code: number, exit: (code: number) => void): void {
  let pending = 2;
  const done = () => {
    if (--pending === 0) exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

/**
 * Runs the CLI as this process's job: stdout / stderr, Ctrl+C, and the exit once the output
 * is flushed. `node cli.js ...` and the app's own executable (`"SIGEX Desktop.exe" sign ...`,
 * main.ts) both come here; `exit` is process.exit or Electron's app.exit.
 */
export function runCliProcess(argv: string[], exit: (code: number) => void = (c) => process.exit(c)): void {
  let interrupted = 0;
  const handlers: Array<() => void> = [];
  const onSignal = () => {
    // The first Ctrl+C stops cleanly (signed files stay queued); a second one quits at once.
    if (++interrupted > 1) exit(130);
    for (const h of handlers) h();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  runCli(argv, {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    env: process.env,
    onInterrupt: (h) => handlers.push(h),
  }).then(
    (code) => exitAfterFlush(code, exit),
    (e: unknown) => {
      process.stderr.write(`${String(e)}\n`);
      exitAfterFlush(EXIT.failed, exit);
    },
  );
}

if (require.main === module) runCliProcess(process.argv.slice(2));
