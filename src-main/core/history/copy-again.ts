/**
 * "Save the copy again" from the History: only from the original, only if it is still the
 * signed bytes (size and SHA-256 recorded at signing), never overwriting anything.
 */
import * as path from 'node:path';
import type { HistoryEntry, SettingsView } from '../../../src-shared/model';
import { AppError } from '../errors';
import { saveSignedCopy, snapshot } from '../files';
import type { HistoryJournal } from './journal';

export async function saveCopyAgain(history: HistoryJournal, id: string, settings: SettingsView): Promise<HistoryEntry> {
  const entry = await history.get(id);
  if (!entry) throw new AppError('invalid-input', 'no such document in the history');
  const now = await snapshot(entry.path); // unreadable / missing -> a file error the user can read
  if (now.size !== entry.size || now.sha256 !== entry.sha256) {
    throw new AppError('file-changed', `the original changed since it was signed: ${entry.path}`, { params: { name: entry.name } });
  }
  const dir = settings.copyLocation === 'folder' && settings.copyFolder ? settings.copyFolder : path.dirname(entry.path);
  const saved = await saveSignedCopy({
    source: entry.path,
    dir,
    originalName: entry.name,
    documentId: entry.documentId,
    expectedSha256: entry.sha256,
  });
  const updated = { ...entry, copyPath: saved.path };
  await history.replace(updated);
  return updated;
}
