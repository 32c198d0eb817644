/** Runs the CLI from source (tsx) as a real child process, as the CLI tests do. */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

export const ROOT = path.join(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const CLI = path.join(ROOT, 'src-main', 'cli.ts');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliChild {
  child: ChildProcess;
  /** Resolves with the whole output once the process ended. */
  done: Promise<CliRun>;
  /** stderr so far (progress lines). */
  stderr(): string;
}

export function startCli(args: string[], env: NodeJS.ProcessEnv, cwd: string): CliChild {
  const child = spawn(TSX, [CLI, ...args], { env: { PATH: process.env.PATH, HOME: cwd, ...env }, cwd });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const done = new Promise<CliRun>((resolve) =>
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr })),
  );
  return { child, done, stderr: () => stderr };
}

export function runCli(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<CliRun> {
  return startCli(args, env, cwd).done;
}

export function jsonLines(stdout: string): Array<Record<string, unknown>> {
  return stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
