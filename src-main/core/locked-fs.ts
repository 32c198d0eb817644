/**
 * Antivirus scanners and search indexers open new files for a moment: on Windows a rename,
 * link or delete then fails with EBUSY or EPERM. These operations are retried a few times
 * with a short backoff before the error counts. The file operations are a seam (`LockedFs`)
 * so tests inject EBUSY / EPERM.
 */
import { promises as fsp } from 'node:fs';

/** The file operations the copy and the atomic writes use (node:fs/promises by default). */
export interface LockedFs {
  link(existing: string, target: string): Promise<void>;
  copyFile(src: string, dest: string, mode?: number): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  rm(file: string, o: { force: boolean }): Promise<void>;
}

export const realFs: LockedFs = {
  link: (a, b) => fsp.link(a, b),
  copyFile: (a, b, mode) => fsp.copyFile(a, b, mode),
  rename: (a, b) => fsp.rename(a, b),
  rm: (f, o) => fsp.rm(f, o),
};

export const LOCKED_CODES: ReadonlySet<string> = new Set(['EBUSY', 'EPERM']);
/** Waits between attempts: 5 attempts within about 1.5 s. */
export const LOCKED_BACKOFF_MS: readonly number[] = [50, 150, 300, 1000];

export function isLocked(e: unknown): boolean {
  return LOCKED_CODES.has((e as NodeJS.ErrnoException)?.code ?? '');
}

/** Runs `op`, again after each backoff step while it fails with EBUSY / EPERM. */
export async function retryLocked<T>(
  op: () => Promise<T>,
  backoffMs: readonly number[] = LOCKED_BACKOFF_MS,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await op();
    } catch (e) {
      const wait = backoffMs[attempt];
      if (!isLocked(e) || wait === undefined) throw e;
      await sleep(wait);
    }
  }
}
