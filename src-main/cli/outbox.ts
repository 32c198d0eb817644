/**
 *   sigex-desktop outbox [--json] [--lang ru|kk|en]           the signed files waiting for SIGEX
 *   sigex-desktop outbox --retry [--json] [--lang ru|kk|en]   deliver each of them once now
 * `--retry` prints one line per file with the same shape as `sign` (`file` = the original's
 * absolute path); exit 0 when all registered, 3 when some still wait, 1 when any failed.
 */
import type { Language, OutboxItemView } from '../../src-shared/model';
import { createCore, resolveDataDir } from '../core/compose';
import { AppError } from '../core/errors';
import { eachArg, errorOut, EXIT, exitCodeFor, humanLine, lineFor, parseLang, type CliIo, type CliLine } from './common';

export const OUTBOX_USAGE = `sigex-desktop outbox [--retry] [--json] [--lang ru|kk|en]
  Lists the signed files that are not registered in SIGEX yet (no connection, SIGEX
  unavailable, the program was closed). --retry delivers each of them once now, with the
  stored signature (no new PIN); one line per file, like sign.`;

export interface OutboxArgs {
  retry: boolean;
  json: boolean;
  lang: Language;
}

export function parseOutboxArgs(rest: readonly string[]): OutboxArgs {
  const args: OutboxArgs = { retry: false, json: false, lang: 'en' };
  eachArg(rest, (a, value) => {
    if (a === '--retry') args.retry = true;
    else if (a === '--json') args.json = true;
    else if (a === '--lang') args.lang = parseLang(value());
    else throw new AppError('invalid-input', a.startsWith('--') ? `unknown option: ${a}` : `unexpected argument: ${a}`);
  });
  return args;
}

export interface OutboxListLine {
  id: string;
  file: string;
  status: 'queued' | 'failed' | 'working';
  step: OutboxItemView['step'];
  signedAt: string;
  attempts: number;
  documentId?: string;
  nextAttemptAt?: string;
  error?: { kind: string; message: string };
}

export async function runOutbox(args: OutboxArgs, io: CliIo): Promise<number> {
  const core = await createCore({
    dataDir: resolveDataDir(io.env),
    env: io.env,
    systemLanguage: args.lang,
    runOverrides: { language: args.lang },
  });
  const items = await core.deliveries.list();
  if (!args.retry) {
    for (const item of items) {
      const line = listLine(item, args.lang);
      if (args.json) io.out(`${JSON.stringify(line)}\n`);
      else io.err(`${line.status.padEnd(7)} ${line.file}${line.error ? `: ${line.error.message}` : ''}\n`);
    }
    if (!args.json && items.length === 0) io.err('The outbox is empty: every signed file is registered.\n');
    return EXIT.ok;
  }
  io.onInterrupt?.(() => void core.deliveries.shutdown());
  const lines: CliLine[] = [];
  for (const item of items) {
    const file = item.path;
    const result = await core.deliveries.deliverRecord(item.id);
    if (result === 'missing') continue; // finished by another process meanwhile
    if (result === 'busy') {
      if (!args.json) io.err(`… ${file}: being registered by another process right now\n`);
      continue;
    }
    const line = lineFor(file, result.view, undefined, result.copyPath, args.lang);
    lines.push(line);
    if (args.json) io.out(`${JSON.stringify(line)}\n`);
    else io.err(`${humanLine(line)}\n`);
  }
  return exitCodeFor(lines);
}

function listLine(item: OutboxItemView, lang: Language): OutboxListLine {
  const line: OutboxListLine = {
    id: item.id,
    file: item.path,
    status: item.state,
    step: item.step,
    signedAt: item.signedAt,
    attempts: item.attempts,
  };
  if (item.documentId) line.documentId = item.documentId;
  if (item.nextAttemptAt !== null) line.nextAttemptAt = new Date(item.nextAttemptAt).toISOString();
  if (item.reason) line.error = errorOut(item.reason, lang);
  return line;
}
