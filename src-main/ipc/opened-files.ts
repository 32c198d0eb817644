/**
 * Files handed to the app from outside the window (command line, Explorer's "Send to" and
 * verb, a second instance): registered as handles, held until the renderer takes them, and
 * announced with an event. The renderer also takes them once at start, so files from the
 * first start's command line, registered before the window listens, are not lost.
 */
import type { ErrorView, FileEntry, OpenedFiles } from './contract';
import { MAX_FILES_PER_BATCH } from './contract';
import { toErrorView } from '../core/errors';

export class OpenedFilesInbox {
  private files: FileEntry[] = [];
  private errors: ErrorView[] = [];

  constructor(
    private readonly register: (path: string) => Promise<FileEntry>,
    private readonly announce: () => void,
  ) {}

  /** Registers each path (a missing file or a folder becomes an error for the window). */
  async add(paths: readonly string[]): Promise<void> {
    if (paths.length === 0) return;
    for (const p of paths) {
      if (this.files.length >= MAX_FILES_PER_BATCH) break;
      try {
        this.files.push(await this.register(p));
      } catch (e) {
        this.errors.push(toErrorView(e));
      }
    }
    this.announce();
  }

  /** What arrived since the last call; the inbox is empty afterwards. */
  take(): OpenedFiles {
    const out = { files: this.files, errors: this.errors };
    this.files = [];
    this.errors = [];
    return out;
  }
}
