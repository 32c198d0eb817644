#!/usr/bin/env node
/**
 * Headless entry on the same core: batch signing and scripting.
 *   sigex-desktop sign <file>... [--email <addr>]... [--out-dir <dir>] [--no-copy] [--json] [--qr] [--lang ru|kk|en]
 * With --json, stdout carries only JSON lines, one per input file (a stable contract).
 * Exit 0: every file registered; 1: any failed or skipped; 2: usage error.
 */
import * as path from 'node:path';
import QRCode from 'qrcode';
import { createCore, resolveDataDir } from './core/compose';
import { AppError, toErrorView, type ErrorView } from './core/errors';
import { EmailSchema, type FileJobView, type JobView, type Language, LanguageSchema, MAX_EMAIL_RECIPIENTS } from './ipc/contract';
import { formatError } from '../src-shared/i18n/format-error';

export const USAGE = `Usage: sigex-desktop sign <file>... [options]

Signs the files with NCALayer (one PIN entry for all of them), registers them in SIGEX and
saves copies named <name>-SigexId<id>.<ext>.

Options:
  --email <addr>     notify this address (repeatable, at most ${MAX_EMAIL_RECIPIENTS})
  --out-dir <dir>    save signed copies here instead of next to the originals
  --no-copy          do not save signed copies
  --qr               sign with eGov mobile / eGov Business by QR instead of NCALayer
  --json             print one JSON line per file on stdout, nothing else
  --lang <ru|kk|en>  language of messages (default en)

Environment: SIGEX_URL, NCALAYER_URL, NCALAYER_CA_FILE, SIGEX_DESKTOP_DATA_DIR.`;

export interface CliArgs {
  files: string[];
  emails: string[];
  outDir?: string;
  copy: boolean;
  json: boolean;
  qr: boolean;
  lang: Language;
}

export function parseArgs(argv: string[]): CliArgs {
  const [command, ...rest] = argv;
  if (command !== 'sign') throw new AppError('invalid-input', command ? `unknown command: ${command}` : 'no command given');
  const args: CliArgs = { files: [], emails: [], copy: true, json: false, qr: false, lang: 'en' };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] as string;
    const value = () => {
      const v = rest[++i];
      if (v === undefined) throw new AppError('invalid-input', `${a} needs a value`);
      return v;
    };
    if (a === '--email') {
      const email = value();
      if (!EmailSchema.safeParse(email).success) throw new AppError('invalid-input', `not an e-mail address: ${email}`);
      args.emails.push(email);
    } else if (a === '--out-dir') args.outDir = path.resolve(value());
    else if (a === '--no-copy') args.copy = false;
    else if (a === '--json') args.json = true;
    else if (a === '--qr') args.qr = true;
    else if (a === '--lang') {
      const l = LanguageSchema.safeParse(value());
      if (!l.success) throw new AppError('invalid-input', '--lang must be ru, kk or en');
      args.lang = l.data;
    } else if (a === '--') {
      args.files.push(...rest.slice(i + 1));
      break;
    } else if (a.startsWith('--')) throw new AppError('invalid-input', `unknown option: ${a}`);
    else args.files.push(a);
  }
  if (args.files.length === 0) throw new AppError('invalid-input', 'no files given');
  if (args.emails.length > MAX_EMAIL_RECIPIENTS) throw new AppError('invalid-input', `at most ${MAX_EMAIL_RECIPIENTS} e-mail addresses`);
  return args;
}

export interface CliLine {
  file: string;
  status: 'registered' | 'skipped' | 'failed' | 'queued';
  documentId?: string;
  copyPath?: string;
  emailNotifications?: string;
  error?: { kind: string; message: string };
}

function errorOut(view: ErrorView, lang: Language): { kind: string; message: string } {
  const f = formatError(view, lang);
  return { kind: view.kind, message: [f.message, f.description].filter(Boolean).join(' — ') };
}

function lineFor(
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
  const err =
    v?.error ?? (line.status === 'registered' ? v?.copy?.error : undefined) ?? (line.status === 'registered' ? undefined : jobError);
  if (err) line.error = errorOut(err, lang);
  return line;
}

export async function runCli(
  argv: string[],
  io: { out: (s: string) => void; err: (s: string) => void; env: NodeJS.ProcessEnv },
): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    io.err(`${(e as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const say = (s: string) => {
    if (!args.json) io.err(`${s}\n`);
  };
  const core = await createCore({
    dataDir: resolveDataDir(io.env),
    env: io.env,
    systemLanguage: args.lang,
    // This run's options win over the stored settings, without changing them.
    runOverrides: {
      language: args.lang,
      autoSaveCopy: args.copy,
      ...(args.outDir ? { copyLocation: 'folder', copyFolder: args.outDir } : {}),
    },
  });

  const lines = new Map<string, CliLine>();
  const handles: Array<{ file: string; handle: string }> = [];
  for (const f of args.files) {
    const abs = path.resolve(f);
    try {
      handles.push({ file: abs, handle: (await core.files.add(abs)).handle });
    } catch (e) {
      lines.set(abs, { file: abs, status: 'failed', error: errorOut(toErrorView(e), args.lang) });
    }
  }
  if (handles.length > 0) {
    let lastPhase = '';
    let qrShown = false;
    const { done } = core.signing.start(
      {
        handles: handles.map((h) => h.handle),
        method: args.qr ? 'qr' : 'ncalayer',
        options: { emails: args.emails, settings: core.settings.view().defaultOptions.settings },
      },
      (job: JobView) => {
        if (job.phase !== lastPhase) say(phaseText(job));
        lastPhase = job.phase;
        // The QR is needed even with --json: it goes to stderr, stdout stays JSON lines only.
        if (job.qr && !qrShown) {
          qrShown = true;
          void printQr(job, (s) => io.err(`${s}\n`));
        }
      },
    );
    const job = await done;
    handles.forEach(({ file }, i) => {
      const jf = job.files[i];
      lines.set(file, lineFor(file, jf?.view, job.error, jf?.copyPath, args.lang));
    });
  }
  let allOk = true;
  for (const f of args.files) {
    const line = lines.get(path.resolve(f)) as CliLine;
    if (line.status !== 'registered') allOk = false;
    if (args.json) io.out(`${JSON.stringify(line)}\n`);
    else say(humanLine(line));
  }
  return allOk ? 0 : 1;
}

const PHASES: Record<string, string> = {
  connecting: 'Connecting to NCALayer...',
  signing: 'Choose a key and enter the PIN in the NCALayer window',
  'qr-scan': 'Scan this QR code with eGov mobile or eGov Business apps.',
  'qr-waiting': 'Waiting for signature from eGov',
  registering: 'Registering in SIGEX',
  saving: 'Saving the signed copy',
};

function phaseText(job: JobView): string {
  return PHASES[job.phase] ?? job.phase;
}

async function printQr(job: JobView, say: (s: string) => void): Promise<void> {
  if (!job.qr) return;
  const art = await QRCode.toString(job.qr.eGovMobileLaunchLink, { type: 'terminal', small: true });
  say(
    `${art}\neGov mobile (individual): ${job.qr.eGovMobileLaunchLink}\neGov Business (legal entity): ${job.qr.eGovBusinessLaunchLink}\nThese links open the app on a phone; they won't work on computers and laptops.`,
  );
}

function humanLine(l: CliLine): string {
  if (l.status === 'registered')
    return `✓ ${l.file}: registered ${l.documentId}${l.copyPath ? `, copy ${l.copyPath}` : ''}${l.error ? ` (copy not saved: ${l.error.message})` : ''}`;
  return `✗ ${l.file}: ${l.status}${l.error ? `: ${l.error.message}` : ''}`;
}

if (require.main === module) {
  runCli(process.argv.slice(2), { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s), env: process.env }).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`${String(e)}\n`);
      process.exit(1);
    },
  );
}
