/**
 * The signed copy on request: "Save copy" when auto-save is off, or again after it failed.
 * (The automatic copy is a step of the delivery: deliver.ts.)
 */
import * as path from 'node:path';
import type { SettingsView } from '../../../src-shared/model';
import { AppError, toErrorView, type ErrorView } from '../errors';
import { saveSignedCopy } from '../files';
import { buildSigexName } from '../sigex-id';
import type { Deliveries } from './deliveries';
import type { FileJob } from './file-job';

export function copyFolder(file: string, settings: SettingsView): string {
  return settings.copyLocation === 'folder' && settings.copyFolder ? settings.copyFolder : path.dirname(file);
}

/** Saves the copy; a failure here never undoes the registration, it is shown on the copy. */
export async function saveCopyOnRequest(f: FileJob, settings: SettingsView, deliveries: Deliveries): Promise<void> {
  const documentId = f.view.documentId;
  if (!documentId || !f.snap || f.status !== 'registered') throw new AppError('invalid-input', 'the file is not registered yet');
  const dir = copyFolder(f.file.path, settings);
  const placed = await placeCopy(f, {
    source: f.file.path,
    dir,
    originalName: f.file.name,
    documentId,
    expectedSha256: f.snap.sha256,
  });
  // Placed: a failure to note it in the history never turns it into a failed copy.
  if ('saved' in placed && f.view.outboxId) await deliveries.copySaved(f.view.outboxId, placed.saved.path);
}

type SavedCopy = Awaited<ReturnType<typeof saveSignedCopy>>;

/**
 * Saves the signed copy and shows the outcome on the file's view: where it was placed, or why
 * not (a copy that could not be saved never undoes the registration: it shows on the copy).
 */
export async function placeCopy(f: FileJob, o: Parameters<typeof saveSignedCopy>[0]): Promise<{ saved: SavedCopy } | { error: ErrorView }> {
  let saved: SavedCopy;
  try {
    saved = await saveSignedCopy(o);
  } catch (e) {
    const error = toErrorView(e);
    f.view.copy = { name: buildSigexName(o.originalName, o.documentId), saved: false, folder: o.dir, error };
    return { error };
  }
  f.copyPath = saved.path;
  f.view.copy = { name: saved.name, saved: true, folder: o.dir };
  return { saved };
}
