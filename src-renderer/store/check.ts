/**
 * "Check a file" (the seed's second drop area): the file picked for checking, apart from the
 * files selected for signing.
 */
import { create } from 'zustand';
import type { ErrorView, FileEntry } from '../../src-main/ipc/contract';
import { logWarning, sigex } from './app';

interface CheckState {
  entry: FileEntry | null;
  error: ErrorView | null;
  pick(files: readonly File[] | null): Promise<void>;
  clear(): void;
}

export const useCheckStore = create<CheckState>()((set, get) => ({
  entry: null,
  error: null,
  pick: async (files) => {
    try {
      const entries = files ? await sigex().addDroppedFiles(files) : await sigex().chooseFiles();
      const entry = entries[0];
      if (entry) set({ entry, error: null });
    } catch (e) {
      logWarning('check: adding the file failed', e);
      set({ error: e as ErrorView });
    }
  },
  clear: () => {
    const h = get().entry?.handle;
    set({ entry: null, error: null });
    if (h)
      void sigex()
        .releaseFiles([h])
        .catch((e: unknown) => logWarning('releaseFiles failed', e));
  },
}));
