/**
 * Files chosen for signing: opaque handles minted by main (never paths). Removing a file or
 * starting over releases its handle in main.
 */
import { useOptionsStore } from './options';
import { create } from 'zustand';
import type { DroppedFile, ErrorView, FileEntry, MAX_FILES_PER_BATCH as ContractMax } from '../../src-main/ipc/contract';
import { logWarning, sigex, toErrorView } from './app';

/** The contract's limit (types only cross into the renderer; the type pins the value). */
export const MAX_FILES_PER_BATCH: typeof ContractMax = 100;

export type FilesNotice = 'too-many' | null;

interface FilesState {
  files: FileEntry[];
  /** A dialog or a drop is being processed. */
  busy: boolean;
  error: ErrorView | null;
  notice: FilesNotice;
  choose(): Promise<void>;
  addDropped(files: readonly DroppedFile[]): Promise<void>;
  /** Takes the files main received from the command line or Explorer. */
  takeOpened(): Promise<void>;
  remove(handle: string): Promise<void>;
  clear(): Promise<void>;
}

export const useFilesStore = create<FilesState>()((set, get) => {
  /** Appends new entries, keeping at most MAX_FILES_PER_BATCH; the overflow is released. */
  const append = (added: FileEntry[], truncated: boolean) => {
    const known = new Set(get().files.map((f) => f.handle));
    const fresh = added.filter((f) => !known.has(f.handle));
    const room = Math.max(0, MAX_FILES_PER_BATCH - get().files.length);
    const kept = fresh.slice(0, room);
    const overflow = fresh.slice(room).map((f) => f.handle);
    if (overflow.length > 0) release(overflow);
    set((s) => ({ files: [...s.files, ...kept], notice: truncated || overflow.length > 0 ? 'too-many' : null, error: null }));
  };

  const run = async (work: () => Promise<void>) => {
    if (get().busy) return;
    set({ busy: true, error: null });
    try {
      await work();
    } catch (e) {
      set({ error: toErrorView(e) });
    } finally {
      set({ busy: false });
    }
  };

  return {
    files: [],
    busy: false,
    error: null,
    notice: null,
    choose: () => run(async () => append(await sigex().chooseFiles(), false)),
    addDropped: (dropped) =>
      run(async () => {
        if (dropped.length === 0) return;
        const truncated = dropped.length > MAX_FILES_PER_BATCH;
        append(await sigex().addDroppedFiles(dropped.slice(0, MAX_FILES_PER_BATCH)), truncated);
      }),
    takeOpened: async () => {
      try {
        const { files, errors } = await sigex().takeOpenedFiles();
        if (files.length > 0) append(files, false);
        if (errors[0]) set({ error: errors[0] });
      } catch (e) {
        set({ error: toErrorView(e) });
      }
    },
    remove: async (handle) => {
      set((s) => ({ files: s.files.filter((f) => f.handle !== handle), notice: null }));
      release([handle]);
      // The selection is gone: the next one starts from the default template.
      if (get().files.length === 0) useOptionsStore.getState().reset();
    },
    clear: async () => {
      const handles = get().files.map((f) => f.handle);
      set({ files: [], error: null, notice: null });
      if (handles.length > 0) release(handles);
      // "Sign another file", "Start over": the previous document's recipients, limit and
      // access must never carry over to the next one silently.
      useOptionsStore.getState().reset();
    },
  };
});

function release(handles: string[]): void {
  sigex()
    .releaseFiles(handles)
    .catch((e: unknown) => logWarning('could not release file handles', e));
}
