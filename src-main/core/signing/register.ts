/**
 * Registering one signed file: POST /api, upload the bytes (retried: the document exists, so
 * re-sending the data is safe; the registration itself is never repeated), then the copy.
 */
import * as path from 'node:path';
import type { Language, SettingsView, SignOptions } from '../../../src-shared/model';
import { AppError, isAppError, toErrorView } from '../errors';
import { assertUnchanged, openRead, saveSignedCopy } from '../files';
import { buildSigexName, splitExtension } from '../sigex-id';
import { documentPageUrl, verifyPageUrl } from '../../../src-shared/sigex-pages';
import type { Job, JobFile } from './job';
import type { RegisterBody, SigexPort } from './ports';

export const DEFAULT_RETRY_DELAYS_MS = [1000, 3000, 8000];

export function registerBody(name: string, cms: Buffer, options: SignOptions): RegisterBody {
  const body: RegisterBody = {
    title: name,
    description: name,
    signType: 'cms',
    signature: cms.toString('base64'),
    settings: options.settings,
  };
  if (options.emails.length > 0) body.emailNotifications = { to: [...options.emails] };
  return body;
}

function retriable(e: unknown): boolean {
  return isAppError(e) && (e.kind === 'network' || e.kind === 'timeout' || e.kind === 'sigex-server');
}

export async function registerAndUpload(
  job: Job,
  f: JobFile,
  sigex: SigexPort,
  options: SignOptions,
  settings: SettingsView,
  retryDelaysMs: number[] = DEFAULT_RETRY_DELAYS_MS,
  lang: Language = 'ru',
): Promise<void> {
  const { cms, snap } = f;
  if (!cms || !snap) return;
  try {
    await assertUnchanged(f.file.path, snap);
    f.view.status = 'registering';
    job.emit();
    const { documentId } = await sigex.register(registerBody(f.file.name, cms, options));
    f.view.documentId = documentId;
    f.view.documentUrl = documentPageUrl(settings.sigexUrl, documentId, lang);
    f.view.verifyUrl = verifyPageUrl(settings.sigexUrl, lang);
    const withExtension = buildSigexName(f.file.name, documentId);
    f.view.suggestedNames = { withExtension, withoutExtension: `${splitExtension(f.file.name).stem}-SigexId${documentId}` };
    f.view.status = 'uploading';
    job.progress(f, 0, snap.size);
    const source = { size: snap.size, open: () => openRead(f.file.path) };
    for (let attempt = 0; ; attempt++) {
      try {
        const outcome = await sigex.uploadData(documentId, source, { onProgress: (sent, total) => job.progress(f, sent, total) });
        f.view.emailOutcome = outcome.emailOutcome;
        if (outcome.certificateEmail) f.view.certificateEmail = outcome.certificateEmail;
        break;
      } catch (e) {
        const delay = retryDelaysMs[attempt];
        if (!retriable(e) || delay === undefined) throw e;
        await new Promise((r) => setTimeout(r, delay));
      }
    }
    delete f.view.progress;
    f.view.status = 'registered';
    job.emit();
  } catch (e) {
    job.fail(f, e);
    job.emit();
    return;
  }
  if (settings.autoSaveCopy) {
    job.setPhase('saving');
    await saveCopyFor(f, settings);
    job.emit();
  } else {
    f.view.copy = { name: f.view.suggestedNames?.withExtension ?? f.file.name, saved: false };
  }
}

export function copyFolder(f: JobFile, settings: SettingsView): string {
  return settings.copyLocation === 'folder' && settings.copyFolder ? settings.copyFolder : path.dirname(f.file.path);
}

/** Saves the copy; a failure here never undoes the registration, it is shown on the copy. */
export async function saveCopyFor(f: JobFile, settings: SettingsView): Promise<void> {
  const documentId = f.view.documentId;
  if (!documentId || !f.snap) throw new AppError('invalid-input', 'not registered');
  const dir = copyFolder(f, settings);
  try {
    const saved = await saveSignedCopy({
      source: f.file.path,
      dir,
      originalName: f.file.name,
      documentId,
      expectedSha256: f.snap.sha256,
    });
    f.copyPath = saved.path;
    f.view.copy = { name: saved.name, saved: true, folder: dir };
  } catch (e) {
    f.view.copy = { name: buildSigexName(f.file.name, documentId), saved: false, folder: dir, error: toErrorView(e) };
  }
}
