/** Registers local files with the core and signs them as one job; what the integration tests drive. */
import type { Job } from '../../src-main/core/signing/job';
import type { JobView, SignOptions } from '../../src-main/ipc/contract';
import type { CoreServices } from '../../src-main/ipc/handlers';

export async function signFiles(
  core: CoreServices,
  files: readonly string[],
  options: SignOptions,
  method: 'ncalayer' | 'qr' = 'ncalayer',
) {
  const handles: string[] = [];
  for (const f of files) handles.push((await core.files.add(f)).handle);
  const updates: JobView[] = [];
  const { done } = core.signing.start({ handles, method, options }, (v) => updates.push(v));
  const job: Job = await done;
  return { job, view: job.view(), updates };
}
