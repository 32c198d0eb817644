/**
 * A job's views: each update shows every file's current state, and a view already handed to a
 * listener never changes afterwards (files whose state did not change may keep their object).
 */
import { FileJob } from '../../src-main/core/signing/file-job';
import { Job } from '../../src-main/core/signing/job';
import type { JobView } from '../../src-shared/model';

function jobWith(names: string[]): { job: Job; files: FileJob[]; views: JobView[] } {
  const views: JobView[] = [];
  const job = new Job('job_1', 'ncalayer', (v) => views.push(v));
  const hooks = { changed: () => job.emit(), persist: async () => {}, forget: async () => {} };
  const files = names.map(
    (name, i) =>
      new FileJob(
        { handle: `fh_${i}`, path: `/tmp/${name}`, name, size: 10 },
        { handle: `fh_${i}`, name, size: 10, status: 'pending' },
        hooks,
      ),
  );
  job.files = files;
  return { job, files, views };
}

describe('Job views', () => {
  it('every update shows each file as it is now, top-level and nested fields alike', () => {
    const { job, files, views } = jobWith(['a.pdf', 'b.pdf', 'c.pdf']);
    const [a, b, c] = files as [FileJob, FileJob, FileJob];
    job.emit();
    a.view.status = 'signing';
    job.emit();
    b.view.progress = { sent: 5, total: 10 };
    job.emit();
    c.view.documentId = 'doc1';
    c.view.copy = { name: 'c-SigexIddoc1.pdf', saved: true, folder: '/tmp' };
    job.emit();
    b.view.progress = { sent: 10, total: 10 };
    delete c.view.documentId;
    job.emit();

    const last = views.at(-1) as JobView;
    expect(last.files.map((f) => f.status)).toEqual(['signing', 'pending', 'pending']);
    expect(last.files[1]?.progress).toEqual({ sent: 10, total: 10 });
    expect(last.files[2]?.copy).toEqual({ name: 'c-SigexIddoc1.pdf', saved: true, folder: '/tmp' });
    expect('documentId' in (last.files[2] as object)).toBe(false);
    // Earlier views kept what they showed then.
    expect(views[0]?.files.map((f) => f.status)).toEqual(['pending', 'pending', 'pending']);
    expect(views[2]?.files[1]?.progress).toEqual({ sent: 5, total: 10 });
    expect(views[3]?.files[2]?.documentId).toBe('doc1');
  });

  it('a view handed out is not changed by later edits of the file, nested objects included', () => {
    const { job, files, views } = jobWith(['a.pdf']);
    const a = files[0] as FileJob;
    a.view.progress = { sent: 1, total: 10 };
    job.emit();
    const shown = views[0]?.files[0];
    expect(shown?.progress).not.toBe(a.view.progress);
    a.view.status = 'uploading';
    a.view.progress = { sent: 9, total: 10 };
    job.emit();
    expect(shown).toEqual({ handle: 'fh_0', name: 'a.pdf', size: 10, status: 'pending', progress: { sent: 1, total: 10 } });
  });

  it('a file given twice shows its twin’s state under its own handle and name', () => {
    const { job, files, views } = jobWith(['a.pdf', 'a (link).pdf']);
    const [a, twin] = files as [FileJob, FileJob];
    twin.sameAs = a;
    job.emit();
    a.view.status = 'registering';
    a.view.documentId = 'doc7';
    job.emit();
    expect(views.at(-1)?.files[1]).toEqual({ handle: 'fh_1', name: 'a (link).pdf', size: 10, status: 'registering', documentId: 'doc7' });
  });

  it('only a file whose view changed gets a new snapshot; every kind of change counts', () => {
    const { job, files, views } = jobWith(['a.pdf', 'b.pdf']);
    const [a, b] = files as [FileJob, FileJob];
    job.emit();
    a.view.status = 'signing';
    job.emit();
    // Unchanged: the same object as in the update before; changed: a new one.
    expect(views[1]?.files[1]).toBe(views[0]?.files[1]);
    expect(views[1]?.files[0]).not.toBe(views[0]?.files[0]);
    // A field set to the value it has is no change.
    a.view.status = 'signing';
    job.emit();
    expect(views[2]?.files[0]).toBe(views[1]?.files[0]);
    Object.assign(b.view, { documentId: 'doc2' });
    job.emit();
    expect(views[3]?.files[1]).toMatchObject({ documentId: 'doc2' });
    delete b.view.documentId;
    job.emit();
    expect('documentId' in (views[4]?.files[1] as object)).toBe(false);
    Object.defineProperty(a.view, 'outboxId', { value: 'ob_1', enumerable: true, writable: true, configurable: true });
    job.emit();
    expect(views[5]?.files[0]?.outboxId).toBe('ob_1');
    // What goes out is plain data (an IPC message, a structured clone), not the live view.
    expect(() => structuredClone(views[5])).not.toThrow();
    expect(structuredClone({ ...a.view })).toEqual({ handle: 'fh_0', name: 'a.pdf', size: 10, status: 'signing', outboxId: 'ob_1' });
  });
});
