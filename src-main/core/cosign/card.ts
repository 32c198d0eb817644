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
import { assertUnchanged, fileError, snapshot } from '../files';
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
  o: { dir?: string; signal?: AbortSignal } = {},
): Promise<{ path: string; name: string }> {
  const snap = await snapshot(file);
  const dir = o.dir ?? path.dirname(file);
  const tmp = path.join(dir, `.sigex-card-${randomBytes(8).toString('hex')}.tmp`);
  try {
    // The card is decoded from SIGEX's answer straight into the temp file, never held whole.
    await sigex.buildDdcToFile(documentId, fileSource(file, snap.size), tmp, o.signal ? { signal: o.signal } : {});
    await assertUnchanged(file, snap);
    for (let n = 1; n <= 99; n++) {
      const name = cardName(path.basename(file), documentId, n);
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
      params: { name: cardName(path.basename(file), documentId) },
    });
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw fileError(e, path.join(dir, cardName(path.basename(file), documentId)));
  } finally {
    await fsp.rm(tmp, { force: true }).catch((e: unknown) => void e);
  }
}
