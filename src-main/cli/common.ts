/**
 * What every CLI command shares: the I/O it is given, the JSON-line shape of a file's
 * outcome, errors as {kind, message} in the chosen language, and the exit codes:
 * 0 all done, 1 any file failed or was skipped, 2 usage error, 3 some files queued (none failed).
 */
import { formatError } from '../../src-shared/i18n/format-error';
import { LanguageSchema, type ErrorView, type FileJobView, type Language } from '../../src-shared/model';
import { AppError } from '../core/errors';

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  env: NodeJS.ProcessEnv;
  /** Registers what Ctrl+C (SIGINT / SIGTERM) does; the process entry wires it. */
  onInterrupt?: (handler: () => void) => void;
}

export const EXIT = { ok: 0, failed: 1, usage: 2, queued: 3 } as const;

export interface CliLine {
  file: string;
  status: 'registered' | 'skipped' | 'failed' | 'queued';
  documentId?: string;
  copyPath?: string;
  emailNotifications?: string;
  /** Digest algorithm OID of a signature the app could not check against the file's bytes itself (only SIGEX did). */
  bytesNotChecked?: string;
  error?: { kind: string; message: string };
}

export function errorOut(view: ErrorView, lang: Language): { kind: string; message: string } {
  const f = formatError(view, lang);
  return { kind: view.kind, message: [f.message, f.description].filter(Boolean).join(' — ') };
}

/** A file's outcome as a `sign` line (also `outbox --retry`). */
export function lineFor(
  file: string,
  v: FileJobView | undefined,
  jobError: ErrorView | undefined,
  copyPath: string | undefined,
  lang: Language,
): CliLine {
  const line: CliLine = { file, status: 'failed' };
  if (v?.status === 'registered') line.status = 'registered';
  else if (v?.status === 'already-signed') line.status = 'skipped';
  else if (v?.status === 'queued') line.status = 'queued';
  if (v?.documentId) line.documentId = v.documentId;
  if (copyPath) line.copyPath = copyPath;
  if (v?.emailOutcome) line.emailNotifications = v.emailOutcome;
  if (v?.bytesCheck?.checked === false) line.bytesNotChecked = v.bytesCheck.digestOid;
  const err = line.status === 'registered' ? v?.copy?.error : line.status === 'queued' ? v?.queue?.reason : (v?.error ?? jobError);
  if (err) line.error = errorOut(err, lang);
  return line;
}

/** 1 when anything failed or was skipped, else 3 when anything waits in the outbox, else 0. */
export function exitCodeFor(lines: readonly CliLine[]): number {
  if (lines.some((l) => l.status === 'failed' || l.status === 'skipped')) return EXIT.failed;
  if (lines.some((l) => l.status === 'queued')) return EXIT.queued;
  return EXIT.ok;
}

const notChecked = (l: CliLine) =>
  l.bytesNotChecked
    ? ` (not checked locally that the signature covers these bytes: digest ${l.bytesNotChecked} is not supported; SIGEX checked it)`
    : '';

export function humanLine(l: CliLine): string {
  if (l.status === 'registered')
    return `✓ ${l.file}: registered ${l.documentId}${l.copyPath ? `, copy ${l.copyPath}` : ''}${l.error ? ` (copy not saved: ${l.error.message})` : ''}${notChecked(l)}`;
  if (l.status === 'queued')
    return `… ${l.file}: signed and queued${l.documentId ? ` (document ${l.documentId})` : ''}${l.error ? `: ${l.error.message}` : ''}; \`sigex-desktop outbox --retry\` or the app finishes it`;
  return `✗ ${l.file}: ${l.status}${l.error ? `: ${l.error.message}` : ''}`;
}

export function parseLang(v: string): Language {
  const l = LanguageSchema.safeParse(v);
  if (!l.success) throw new AppError('invalid-input', '--lang must be ru, kk or en');
  return l.data;
}

/** Iterates over argv with `value()` for options that take one. */
export function eachArg(rest: readonly string[], visit: (a: string, value: () => string, restAfter: () => string[]) => void): void {
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] as string;
    visit(
      a,
      () => {
        const v = rest[++i];
        if (v === undefined) throw new AppError('invalid-input', `${a} needs a value`);
        return v;
      },
      () => {
        const r = rest.slice(i + 1);
        i = rest.length;
        return r;
      },
    );
  }
}
