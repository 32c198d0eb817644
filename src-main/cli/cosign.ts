/**
 *   sigex-desktop check <file>... [--json] [--lang ru|kk|en]
 *   sigex-desktop cosign <file>... [--json] [--card] [--qr] [--lang ru|kk|en]
 * Files that already carry a SIGEX id in their name: `check` shows each document's signatures
 * and whether the file's bytes are the registered ones; `cosign` adds my signature (one
 * NCALayer dialog for all files, or one eGov QR with `--qr`) without renaming anything, `--card`
 * saves the document card.
 */
import * as path from 'node:path';
import type { Language, QrView } from '../../src-shared/model';
import { createCore, resolveDataDir } from '../core/compose';
import { ncaLayerClientFor } from '../core/connection';
import { saveDocumentCard } from '../core/cosign/card';
import { checkFile, type DocumentCard } from '../core/cosign/check';
import { cosignFiles, type CosignResult } from '../core/cosign/cosign';
import { AppError, toErrorView } from '../core/errors';
import { eachArg, errorOut, EXIT, parseLang, type CliIo } from './common';
import { printQr } from './sign';

export const CHECK_USAGE = `sigex-desktop check <file>... [--json] [--lang ru|kk|en]
  Shows the SIGEX document of each file whose name carries a SIGEX id (<name>-SigexId<id>.<ext>):
  its signatures and whether THIS file's bytes are the registered ones (SHA-256).
  --json             one JSON line per file: file, documentId, signatures [{signer, iin?, bin?, time}],
                     matches (true / false / null = SIGEX did not say), error {kind, message}
  --lang <ru|kk|en>  language of messages (default en)
  Exit 0 when every file matches its document, 1 otherwise, 2 usage error.`;

export const COSIGN_USAGE = `sigex-desktop cosign <file>... [--json] [--card] [--qr] [--lang ru|kk|en]
  Adds your signature to documents already registered in SIGEX (files named <name>-SigexId<id>.<ext>):
  all files are signed in one NCALayer dialog; the files are not renamed.
  --card             also save the document card beside each file as <name>-SigexId<id>.card.pdf
  --qr               sign with eGov mobile / eGov Business by QR instead of NCALayer (the QR goes to stderr)
  --json             one JSON line per file: file, status (cosigned / failed / queued), documentId,
                     cardPath, bytesNotChecked (digest OID the app could not check the bytes with,
                     only SIGEX does), error {kind, message}
  --lang <ru|kk|en>  language of messages (default en)`;

export interface CosignArgs {
  files: string[];
  json: boolean;
  card: boolean;
  qr: boolean;
  lang: Language;
}

export function parseCosignArgs(rest: readonly string[], command: 'check' | 'cosign'): CosignArgs {
  const args: CosignArgs = { files: [], json: false, card: false, qr: false, lang: 'en' };
  eachArg(rest, (a, value, restAfter) => {
    if (a === '--json') args.json = true;
    else if (a === '--card' && command === 'cosign') args.card = true;
    else if (a === '--qr' && command === 'cosign') args.qr = true;
    else if (a === '--lang') args.lang = parseLang(value());
    else if (a === '--') args.files.push(...restAfter());
    else if (a.startsWith('--')) throw new AppError('invalid-input', `unknown option: ${a}`);
    else args.files.push(a);
  });
  if (args.files.length === 0) throw new AppError('invalid-input', 'no files given');
  return args;
}

interface CheckLine {
  file: string;
  documentId?: string;
  signatures?: Array<{ signer: string; iin?: string; bin?: string; time?: string }>;
  matches: boolean | null;
  error?: { kind: string; message: string };
}

function core(args: CosignArgs, io: CliIo) {
  return createCore({
    dataDir: resolveDataDir(io.env),
    env: io.env,
    systemLanguage: args.lang,
    runOverrides: { language: args.lang },
  });
}

const MATCH_TEXT = {
  true: 'the file is the registered document',
  false: 'the file is NOT the registered document',
  null: 'SIGEX did not report a digest: the file could not be compared',
} as const;

function describeCard(c: DocumentCard): string {
  const sigs = c.signatures.map(
    (s, i) =>
      `  ${i + 1}. ${s.signer}${s.iin ? `, IIN ${s.iin}` : ''}${s.bin ? `, BIN ${s.bin}` : ''}${s.organisation ? `, ${s.organisation}` : ''}${s.time ? `, ${s.time}` : ''}${s.tsp ? ', timestamp' : ''}${s.ocsp ? ', OCSP' : ''}`,
  );
  const limit =
    c.signaturesLimit > 0 ? `${c.signaturesTotal} of ${c.signaturesLimit} signatures` : `${c.signaturesTotal} signature(s), no limit`;
  return [
    `${c.matches === true ? '✓' : '✗'} ${c.file}: document ${c.documentId} "${c.title}", ${limit}`,
    ...sigs,
    `  ${MATCH_TEXT[String(c.matches) as 'true']}`,
    `  ${c.documentUrl}`,
  ].join('\n');
}

export async function runCheck(args: CosignArgs, io: CliIo): Promise<number> {
  const c = await core(args, io);
  const s = c.settings.effective();
  const sigex = c.connection.sigexClient();
  const lines: CheckLine[] = [];
  for (const f of args.files) {
    const file = path.resolve(f);
    try {
      const card = await checkFile(file, { sigex, sigexUrl: s.sigexUrl, lang: args.lang });
      lines.push({
        file,
        documentId: card.documentId,
        signatures: card.signatures.map((x) => ({
          signer: x.signer,
          ...(x.iin ? { iin: x.iin } : {}),
          ...(x.bin ? { bin: x.bin } : {}),
          ...(x.time ? { time: x.time } : {}),
        })),
        matches: card.matches,
      });
      if (!args.json) io.err(`${describeCard(card)}\n`);
    } catch (e) {
      const error = errorOut(toErrorView(e), args.lang);
      const id = e instanceof AppError && e.kind === 'no-sigex-id' ? undefined : idOf(file);
      lines.push({ file, ...(id ? { documentId: id } : {}), matches: null, error });
      if (!args.json) io.err(`✗ ${file}: ${error.message}\n`);
    }
  }
  if (args.json) for (const l of lines) io.out(`${JSON.stringify(l)}\n`);
  return lines.every((l) => l.matches === true) ? EXIT.ok : EXIT.failed;
}

function idOf(file: string): string | undefined {
  return /-SigexId([A-Za-z0-9]+)/.exec(path.basename(file))?.[1];
}

export interface CosignLine {
  file: string;
  status: 'cosigned' | 'failed' | 'queued';
  documentId?: string;
  cardPath?: string;
  /** Digest algorithm OID of my signature when the app could not check it against the file's bytes itself (only SIGEX does), as for `sign`. */
  bytesNotChecked?: string;
  error?: { kind: string; message: string };
}

/** A co-signature's outcome as a `cosign --json` line (the card path is added by the caller). */
export function cosignLineFor(r: CosignResult, lang: Language): CosignLine {
  const line: CosignLine = { file: r.file, status: r.status, ...(r.documentId ? { documentId: r.documentId } : {}) };
  if (r.status !== 'failed' && r.bytesCheck?.checked === false) line.bytesNotChecked = r.bytesCheck.digestOid;
  if (r.error) line.error = errorOut(r.error, lang);
  return line;
}

/** The line for a person (stderr without --json). */
export function humanCosignLine(l: CosignLine): string {
  const notChecked = l.bytesNotChecked
    ? ` (not checked locally that the signature covers these bytes: digest ${l.bytesNotChecked} is not supported; SIGEX checks it)`
    : '';
  if (l.status === 'cosigned')
    return `✓ ${l.file}: signature added to ${l.documentId}${l.cardPath ? `, card ${l.cardPath}` : ''}${notChecked}${l.error ? ` (card not saved: ${l.error.message})` : ''}`;
  return `✗ ${l.file}: ${l.status}${notChecked}${l.error ? `: ${l.error.message}` : ''}`;
}

/** The line above each QR on stderr; a renewed one says which automatic renewal it is. */
export function qrHeading(qr: QrView): string {
  const scan = 'Scan this QR code with eGov mobile or eGov Business apps.';
  const r = qr.renewals;
  if (!r || r.done === 0) return scan;
  return `The QR code expired before it was scanned; here is a new one (automatic renewal ${r.done} of ${r.max}). ${scan}`;
}

export async function runCosign(args: CosignArgs, io: CliIo): Promise<number> {
  const say = (t: string) => {
    if (!args.json) io.err(`${t}\n`);
  };
  const c = await core(args, io);
  const s = c.settings.effective();
  const sigex = c.connection.sigexClient();
  const abort = new AbortController();
  // Ctrl+C: stop the dialog or the sending; a signature already made stays queued in the outbox.
  io.onInterrupt?.(() => {
    say('Stopping: signatures already made stay in the outbox and finish with `sigex-desktop outbox --retry` or in the app.');
    abort.abort();
    void c.deliveries.shutdown();
  });
  if (!args.qr) say('Connecting to NCALayer...');
  const results = await cosignFiles(
    args.files.map((f) => path.resolve(f)),
    {
      sigex,
      ncalayer: await ncaLayerClientFor(s),
      sigexUrl: s.sigexUrl,
      lang: args.lang,
      signal: abort.signal,
      deliveries: c.deliveries,
      onSigning: () => say('Choose a key and enter the PIN in the NCALayer window'),
      ...(args.qr
        ? {
            qr: {
              // The QR is needed even with --json: it goes to stderr, stdout stays JSON lines only.
              onQr: (qr: QrView) => {
                io.err(`${qrHeading(qr)}\n`);
                void printQr(qr, (t) => io.err(`${t}\n`));
              },
              onSpent: () => say('Waiting for signature from eGov'),
            },
          }
        : {}),
    },
  );
  const lines: CosignLine[] = [];
  for (const r of results) {
    const line = cosignLineFor(r, args.lang);
    if (r.status === 'cosigned' && args.card && r.documentId) {
      try {
        line.cardPath = (await saveDocumentCard(r.file, r.documentId, sigex, { signal: abort.signal })).path;
      } catch (e) {
        // The signature is added; only the card is missing (said, not a failure of the file).
        line.error = errorOut(toErrorView(e), args.lang);
      }
    }
    lines.push(line);
  }
  for (const l of lines) {
    if (args.json) io.out(`${JSON.stringify(l)}\n`);
    else say(humanCosignLine(l));
  }
  if (lines.some((l) => l.status === 'failed')) return EXIT.failed;
  if (lines.some((l) => l.status === 'queued')) return EXIT.queued;
  return EXIT.ok;
}
