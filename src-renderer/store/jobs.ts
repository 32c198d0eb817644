/**
 * The signing job on screen. Main pushes JobView snapshots through `onJobUpdate`; updates may
 * arrive before `startSigning` resolves with the id, so they are kept per job id and the
 * current job is looked up by id.
 */
import { create } from 'zustand';
import type { ErrorView, FileJobView, JobView, StartSigningRequest } from '../../src-main/ipc/contract';
import { rememberRecipients, useOptionsStore } from './options';
import { useFilesStore } from './files';
import { useSettingsStore } from './settings';
import { logWarning, sigex, toErrorView } from './app';

export type SignMethod = StartSigningRequest['method'];

/** Files that can go (again) into a new job: not registered, not waiting in the queue. */
const RETRYABLE: ReadonlyArray<FileJobView['status']> = ['pending', 'signing', 'failed', 'cancelled'];

interface JobsState {
  /** Latest snapshot per job id (the current job and, while starting, early updates). */
  jobs: Record<string, JobView>;
  currentJobId: string | null;
  starting: boolean;
  lastRequest: StartSigningRequest | null;
  /** startSigning itself was refused (validation, main unavailable). */
  startError: ErrorView | null;
  start(request: StartSigningRequest): Promise<void>;
  /** Signs the selected files (already-signed ones excluded) with the options being edited. */
  startSelected(method: SignMethod): Promise<void>;
  /** The same signing again: files that did not make it, same options; optionally another method. */
  retry(method?: SignMethod): Promise<void>;
  applyUpdate(job: JobView): void;
  cancel(): Promise<void>;
  saveCopy(handle: string): Promise<void>;
  showCopy(handle: string): Promise<void>;
  reset(): void;
}

export const useJobsStore = create<JobsState>()((set, get) => ({
  jobs: {},
  currentJobId: null,
  starting: false,
  lastRequest: null,
  startError: null,

  start: async (request) => {
    if (get().starting) return;
    set({ starting: true, currentJobId: null, jobs: {}, lastRequest: request, startError: null });
    try {
      const { jobId } = await sigex().startSigning(request);
      set({ currentJobId: jobId });
    } catch (e) {
      set({ startError: toErrorView(e) });
    } finally {
      // Keep only the job we started (and nothing that slipped in from an older one).
      set((s) => ({
        starting: false,
        jobs: s.currentJobId && s.jobs[s.currentJobId] ? { [s.currentJobId]: s.jobs[s.currentJobId] as JobView } : {},
      }));
    }
  },

  startSelected: async (method) => {
    const handles = useFilesStore
      .getState()
      .files.filter((f) => !f.sigexIdInName)
      .map((f) => f.handle);
    if (handles.length === 0) return;
    const { options } = useOptionsStore.getState();
    // The suggestions list follows what main saved (never blocks or fails the signing).
    void rememberRecipients(options.emails).then((saved) => saved && useSettingsStore.getState().setSettings(saved));
    await get().start({ handles, method, options });
  },

  retry: async (method) => {
    const last = get().lastRequest;
    if (!last) return;
    const job = currentJob(get());
    let handles = last.handles;
    if (job) {
      const again = job.files.filter((f) => RETRYABLE.includes(f.status)).map((f) => f.handle);
      if (again.length > 0) handles = again;
    }
    await get().start({ ...last, handles, method: method ?? last.method });
  },

  applyUpdate: (job) => {
    const s = get();
    if (job.jobId !== s.currentJobId && !s.starting) return;
    set({ jobs: { ...s.jobs, [job.jobId]: job } });
  },

  cancel: async () => {
    const id = get().currentJobId;
    if (!id) return;
    try {
      await sigex().cancelSigning(id);
    } catch (e) {
      logWarning('cancel failed', e);
    }
  },

  saveCopy: async (handle) => {
    const id = get().currentJobId;
    if (!id) return;
    try {
      const file = await sigex().saveCopy({ jobId: id, handle });
      replaceFile(id, file);
    } catch (e) {
      const job = get().jobs[id];
      const old = job?.files.find((f) => f.handle === handle);
      if (old) replaceFile(id, { ...old, copy: { name: old.copy?.name ?? old.name, saved: false, error: toErrorView(e) } });
    }
  },

  showCopy: async (handle) => {
    const id = get().currentJobId;
    if (!id) return;
    try {
      await sigex().showCopy({ jobId: id, handle });
    } catch (e) {
      logWarning('could not show the copy', e);
    }
  },

  reset: () => set({ jobs: {}, currentJobId: null, starting: false, lastRequest: null, startError: null }),
}));

function replaceFile(jobId: string, file: FileJobView): void {
  useJobsStore.setState((s) => {
    const job = s.jobs[jobId];
    if (!job) return {};
    return { jobs: { ...s.jobs, [jobId]: { ...job, files: job.files.map((f) => (f.handle === file.handle ? file : f)) } } };
  });
}

export function currentJob(s: Pick<JobsState, 'jobs' | 'currentJobId'>): JobView | undefined {
  return s.currentJobId ? s.jobs[s.currentJobId] : undefined;
}

/** Hook-friendly selector. */
export const selectCurrentJob = (s: JobsState): JobView | undefined => currentJob(s);
