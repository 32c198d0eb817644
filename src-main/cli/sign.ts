/**
 *   sigex-desktop sign <file>... [--email <addr>]... [--out-dir <dir>] [--no-copy] [--json] [--qr] [--lang ru|kk|en]
 * Signs with NCALayer (one PIN for all files) or eGov QR, registers, saves copies. A file
 * whose signature could not reach SIGEX yet is `queued` in the outbox (exit 3).
 */
import * as path from 'node:path';
import QRCode from 'qrcode';
import { EmailSchema, MAX_EMAIL_RECIPIENTS, type JobView, type Language, type QrView } from '../../src-shared/model';
import { createCore, resolveDataDir } from '../core/compose';
import { AppError, toErrorView } from '../core/errors';
import { eachArg, errorOut, exitCodeFor, humanLine, lineFor, parseLang, type CliIo, type CliLine } from './common';

export const SIGN_USAGE = `sigex-desktop sign <file>... [--email <addr>]... [--out-dir <dir>] [--no-copy] [--qr] [--json] [--lang ru|kk|en]
  Signs the files with NCALayer (one PIN entry for all of them), registers them in SIGEX and
  saves copies named <name>-SigexId<id>.<ext>. Wildcards (*.pdf, akt-??.pdf) in the last part
  of a file argument are expanded by the CLI itself (cmd does not).
  --email <addr>     notify this address (repeatable, at most ${MAX_EMAIL_RECIPIENTS})
  --out-dir <dir>    save signed copies here instead of next to the originals
  --no-copy          do not save signed copies
  --qr               sign with eGov mobile / eGov Business by QR instead of NCALayer
  --json             print one JSON line per file on stdout, nothing else
  --lang <ru|kk|en>  language of messages (default en)`;

export interface SignArgs {
  files: string[];
  emails: string[];
  outDir?: string;
  copy: boolean;
  json: boolean;
  qr: boolean;
  lang: Language;
}

export function parseSignArgs(rest: readonly string[]): SignArgs {
  const args: SignArgs = { files: [], emails: [], copy: true, json: false, qr: false, lang: 'en' };
  eachArg(rest, (a, value, restAfter) => {
    if (a === '--email') {
      const email = value();
      if (!EmailSchema.safeParse(email).success) throw new AppError('invalid-input', `not an e-mail address: ${email}`);
      args.emails.push(email);
    } else if (a === '--out-dir') args.outDir = path.resolve(value());
    else if (a === '--no-copy') args.copy = false;
    else if (a === '--json') args.json = true;
    else if (a === '--qr') args.qr = true;
    else if (a === '--lang') args.lang = parseLang(value());
    else if (a === '--') args.files.push(...restAfter());
    else if (a.startsWith('--')) throw new AppError('invalid-input', `unknown option: ${a}`);
    else args.files.push(a);
  });
  if (args.files.length === 0) throw new AppError('invalid-input', 'no files given');
  if (args.emails.length > MAX_EMAIL_RECIPIENTS) throw new AppError('invalid-input', `at most ${MAX_EMAIL_RECIPIENTS} e-mail addresses`);
  return args;
}

export async function runSign(args: SignArgs, io: CliIo): Promise<number> {
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
    const { jobId, done } = core.signing.start(
      {
        handles: handles.map((h) => h.handle),
        method: args.qr ? 'qr' : 'ncalayer',
        options: { emails: args.emails, settings: core.settings.view().defaultOptions.settings },
      },
      (job: JobView) => {
        if (job.phase !== lastPhase) say(PHASES[job.phase] ?? job.phase);
        lastPhase = job.phase;
        // The QR is needed even with --json: it goes to stderr, stdout stays JSON lines only.
        if (job.qr && !qrShown) {
          qrShown = true;
          void printQr(job.qr, (s) => io.err(`${s}\n`));
        }
      },
    );
    // Ctrl+C: cancel what can be cancelled; signed files stop where they are and stay queued.
    io.onInterrupt?.(() => {
      say('Stopping: signed files stay in the outbox and finish with `sigex-desktop outbox --retry` or in the app.');
      core.signing.cancel(jobId);
      void core.deliveries.shutdown();
    });
    const job = await done;
    handles.forEach(({ file }, i) => {
      const jf = job.files[i];
      const fj = jf?.sameAs ?? jf;
      lines.set(file, lineFor(file, job.view().files[i], job.error, fj?.copyPath, args.lang));
    });
  }
  const all = args.files.map((f) => lines.get(path.resolve(f)) as CliLine);
  for (const line of all) {
    if (args.json) io.out(`${JSON.stringify(line)}\n`);
    else say(humanLine(line));
  }
  return exitCodeFor(all);
}

const PHASES: Record<string, string> = {
  connecting: 'Connecting to NCALayer...',
  signing: 'Choose a key and enter the PIN in the NCALayer window',
  'qr-scan': 'Scan this QR code with eGov mobile or eGov Business apps.',
  'qr-waiting': 'Waiting for signature from eGov',
  registering: 'Registering in SIGEX',
  saving: 'Saving the signed copy',
};

export async function printQr(qr: QrView, say: (s: string) => void): Promise<void> {
  const art = await QRCode.toString(qr.eGovMobileLaunchLink, { type: 'terminal', small: true });
  say(
    `${art}\neGov mobile (individual): ${qr.eGovMobileLaunchLink}\neGov Business (legal entity): ${qr.eGovBusinessLaunchLink}\nThese links open the app on a phone; they won't work on computers and laptops.`,
  );
}
