/**
 * The signed copy on request: "Save copy" when auto-save is off, or again after it failed.
 * (The automatic copy is a step of the delivery: deliver.ts.)
 */
import * as path from 'node:path';
import type { SettingsView } from '../../../src-shared/model';
import { AppError, toErrorView } from '../errors';
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
  let saved: Awaited<ReturnType<typeof saveSignedCopy>>;
  try {
    saved = await saveSignedCopy({
      source: f.file.path,
      dir,
      originalName: f.file.name,
      documentId,
      expectedSha256: f.snap.sha256,
    });
  } catch (e) {
    f.view.copy = { name: buildSigexName(f.file.name, documentId), saved: false, folder: dir, error: toErrorView(e) };
    return;
  }
  // Placed: a failure to note it in the history never turns it into a failed copy.
  f.copyPath = saved.path;
  f.view.copy = { name: saved.name, saved: true, folder: dir };
  if (f.view.outboxId) await deliveries.copySaved(f.view.outboxId, saved.path);
}
