/**
 *   sigex-desktop history [--json] [--since <date>] [--lang ru|kk|en]
 * Documents registered or co-signed from this machine, newest first. With --json, one line
 * per document: {"file" (the original's absolute path), "documentId", "copyPath"?,
 * "signedAt" (ISO 8601), "signer"?, "method"}.
 */
import { createCore, resolveDataDir } from '../core/compose';
import { AppError } from '../core/errors';
import { eachArg, EXIT, parseLang, type CliIo } from './common';
import type { HistoryEntry, Language } from '../../src-shared/model';

export const HISTORY_USAGE = `sigex-desktop history [--since <date>] [--json] [--lang ru|kk|en]
  Documents registered or co-signed from this computer, newest first. --since keeps those
  registered on or after the date (YYYY-MM-DD or an ISO 8601 time).`;

export interface HistoryArgs {
  json: boolean;
  since?: string;
  lang: Language;
}

export function parseHistoryArgs(rest: readonly string[]): HistoryArgs {
  const args: HistoryArgs = { json: false, lang: 'en' };
  eachArg(rest, (a, value) => {
    if (a === '--json') args.json = true;
    else if (a === '--since') {
      const v = value();
      if (!Number.isFinite(Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v))) {
        throw new AppError('invalid-input', `--since needs a date (YYYY-MM-DD), got ${v}`);
      }
      args.since = v;
    } else if (a === '--lang') args.lang = parseLang(value());
    else throw new AppError('invalid-input', a.startsWith('--') ? `unknown option: ${a}` : `unexpected argument: ${a}`);
  });
  return args;
}

export interface HistoryLine {
  file: string;
  documentId: string;
  copyPath?: string;
  signedAt: string;
  signer?: { name: string; iin?: string; bin?: string };
  method: HistoryEntry['method'];
  kind: HistoryEntry['kind'];
  documentUrl: string;
}

export async function runHistory(args: HistoryArgs, io: CliIo): Promise<number> {
  const core = await createCore({ dataDir: resolveDataDir(io.env), env: io.env, systemLanguage: args.lang });
  const { entries } = await core.history.query(args.since ? { since: args.since } : {});
  for (const e of entries) {
    if (args.json) io.out(`${JSON.stringify(historyLine(e))}\n`);
    else io.out(`${e.registeredAt.slice(0, 16).replace('T', ' ')}  ${e.documentId}  ${e.name}${e.signer ? `  (${e.signer.name})` : ''}\n`);
  }
  if (!args.json && entries.length === 0) io.err('No documents in the history yet.\n');
  return EXIT.ok;
}

function historyLine(e: HistoryEntry): HistoryLine {
  const line: HistoryLine = {
    file: e.path,
    documentId: e.documentId,
    signedAt: e.signedAt,
    method: e.method,
    kind: e.kind,
    documentUrl: e.documentUrl,
  };
  if (e.copyPath) line.copyPath = e.copyPath;
  if (e.signer) line.signer = e.signer;
  return line;
}
