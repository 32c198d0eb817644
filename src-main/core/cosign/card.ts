/**
 * The document card (DDC, PROTOCOLS.md "Document card"): POST /api/{id}/buildDDC with the
 * file's bytes streamed from disk, saved beside the file as `<name>-SigexId<id>.card.pdf`.
 * Never overwrites: a taken name gets " (2)", " (3)", ... The PDF is decoded from SIGEX's answer
 * as it streams in, into a temp file in the same folder, then linked under its final name (an
 * existing name makes the link fail), so the card is never held whole in memory.
 */
import { randomBytes } from 'node:crypto';
import { constants as fsc, promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { AppError } from '../errors';
import { assertUnchanged, fileError, snapshot, type FileSnapshot } from '../files';
import { splitExtension, stripSigexId } from '../sigex-id';
import type { CosignSigexPort } from './check';
import { fileSource } from './cosign';

/** `act-SigexIdABC.pdf` -> `act-SigexIdABC.card.pdf`; `(n)` before `.card.pdf` when taken. */
export function cardName(fileName: string, documentId: string, n = 1): string {
  const { stem } = splitExtension(stripSigexId(fileName));
  return `${stem}-SigexId${documentId}${n === 1 ? '' : ` (${n})`}.card.pdf`;
}

export async function saveDocumentCard(
  file: string,
  documentId: string,
  sigex: CosignSigexPort,
  o: {
    dir?: string;
    signal?: AbortSignal;
    /** The file's snapshot when the caller just took it (not read again before sending). */
    snap?: FileSnapshot;
    /** Name the card after this file instead (e.g. the original when the bytes come from its copy). */
    nameAfter?: string;
  } = {},
): Promise<{ path: string; name: string }> {
  const snap = o.snap ?? (await snapshot(file));
  const dir = o.dir ?? path.dirname(file);
  const named = path.basename(o.nameAfter ?? file);
  const tmp = path.join(dir, `.sigex-card-${randomBytes(8).toString('hex')}.tmp`);
  try {
    // The card is decoded from SIGEX's answer straight into the temp file, never held whole.
    await sigex.buildDdcToFile(documentId, fileSource(file, snap.size), tmp, o.signal ? { signal: o.signal } : {});
    await assertUnchanged(file, snap);
    for (let n = 1; n <= 99; n++) {
      const name = cardName(named, documentId, n);
      const target = path.join(dir, name);
      try {
        await fsp.link(tmp, target);
        return { path: target, name };
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') continue;
        if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV') {
          // No hard links here: a copy that refuses an existing name does not overwrite either.
          try {
            await fsp.copyFile(tmp, target, fsc.COPYFILE_EXCL);
            return { path: target, name };
          } catch (e2) {
            if ((e2 as NodeJS.ErrnoException).code === 'EEXIST') continue;
            throw e2;
          }
        }
        throw e;
      }
    }
    throw new AppError('copy-failed', `no free name for the document card in ${dir}`, {
      params: { name: cardName(named, documentId) },
    });
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw fileError(e, path.join(dir, cardName(named, documentId)));
  } finally {
    await fsp.rm(tmp, { force: true }).catch((e: unknown) => void e);
  }
}

/**
 * The card of a file this app registered: SIGEX gets the bytes that were signed, never a file
 * edited since. They are read from the saved `-SigexId` copy, or from the original while it is
 * still what was signed (size, time and SHA-256 as at signing); when neither is, nothing is
 * sent and the error says the file changed. The card is named after the original.
 */
export async function saveRegisteredCard(
  f: { path: string; copyPath?: string; signed: FileSnapshot },
  documentId: string,
  sigex: CosignSigexPort,
  o: { dir?: string; signal?: AbortSignal } = {},
): Promise<{ path: string; name: string }> {
  for (const source of [f.copyPath, f.path]) {
    if (!source) continue;
    const now = await snapshot(source, o.signal ? { signal: o.signal } : {}).catch((e: unknown) => {
      if (o.signal?.aborted) throw e;
      return null; // gone or unreadable: try the next one
    });
    if (now && now.size === f.signed.size && now.sha256 === f.signed.sha256) {
      return saveDocumentCard(source, documentId, sigex, { ...o, snap: now, nameAfter: f.path });
    }
  }
  throw new AppError('file-changed', `the signed bytes of ${f.path} are no longer on disk: no document card requested`, {
    params: { name: path.basename(f.path) },
  });
}
