/** Picks the screen for the current signing job from its phase and its files' outcomes. */
import type { ErrorView, FileJobView, JobView } from '../../src-main/ipc/contract';
import { useFilesStore } from '../store/files';
import { useJobsStore, selectCurrentJob, type SignMethod } from '../store/jobs';
import { BatchResult } from './BatchResult';
import { ErrorPanel } from './ErrorPanel';
import { KaztokenPanel, useKaztokenJob } from './KaztokenPanel';
import { NcaLayerMissingPanel } from './NcaLayerMissingPanel';
import { QrPanel } from './QrPanel';
import { QueuedPanel, SuccessPanel } from './SuccessPanel';
import { WorkingPanel } from './WorkingPanel';

const WORKING = new Set<JobView['phase']>(['connecting', 'signing', 'registering', 'saving']);

/** The error to show for a job that did not get through: its own, or its first file's. */
function jobError(job: JobView): { error: ErrorView; file?: FileJobView } | null {
  if (job.error) return { error: job.error };
  const file = job.files.find((f) => f.error && (f.status === 'failed' || f.status === 'cancelled'));
  return file?.error ? { error: file.error, file } : null;
}

export function useStartOver(): () => void {
  return () => {
    useJobsStore.getState().reset();
    void useFilesStore.getState().clear();
  };
}

/** Returns null when there is no job screen to show (no job, or it was cancelled). */
export function JobScreen() {
  const job = useJobsStore(selectCurrentJob);
  const starting = useJobsStore((s) => s.starting);
  const startError = useJobsStore((s) => s.startError);
  const lastRequest = useJobsStore((s) => s.lastRequest);
  const { retry } = useJobsStore.getState();
  const startOver = useStartOver();
  const kaztoken = useKaztokenJob(job ?? undefined);
  const selected = useFilesStore((s) => s.files);
  const method: SignMethod = job?.method ?? lastRequest?.method ?? 'ncalayer';

  if (startError && !starting) {
    return <ErrorPanel error={startError} onRetry={() => void retry()} onStartOver={startOver} />;
  }
  if (!job) return starting ? <WorkingPanel job={undefined} method={method} /> : null;

  if (job.phase === 'cancelled' || job.error?.kind === 'cancelled') return null;
  if (job.phase === 'qr-scan' || job.phase === 'qr-waiting') return <QrPanel job={job} />;
  if (job.method === 'qr' && job.phase === 'signing') return <QrPanel job={job} />;
  if (job.phase === 'signing' && kaztoken) return <KaztokenPanel job={job} source={kaztoken} />;
  if (WORKING.has(job.phase)) return <WorkingPanel job={job} method={method} />;

  if (job.phase === 'failed') {
    const kind = job.error?.kind;
    if (kind === 'ncalayer-not-running' || kind === 'ncalayer-untrusted') {
      return (
        <NcaLayerMissingPanel kind={kind} onRetry={() => void retry('ncalayer')} onUseQr={() => void retry('qr')} onStartOver={startOver} />
      );
    }
  }

  // done or failed: what happened to the files (and to those skipped as already signed).
  const skipped = selected.filter((f) => f.sigexIdInName && !job.files.some((j) => j.handle === f.handle));
  if (job.files.length + skipped.length > 1) return <BatchResult job={job} skipped={skipped} onDone={startOver} />;
  const file = job.files[0];
  if (file?.status === 'registered') return <SuccessPanel job={job} file={file} onDone={startOver} />;
  if (file?.status === 'queued') return <QueuedPanel file={file} onDone={startOver} />;
  const failure = jobError(job) ?? { error: { kind: 'internal', message: `job ended in phase ${job.phase}` } as ErrorView };
  return (
    <ErrorPanel
      error={failure.error}
      fileName={file?.name}
      kaztokenMobile={kaztoken === 'mobile'}
      onRetry={() => void retry()}
      onNewQr={() => void retry('qr')}
      // Back to the selection with the same files and settings, to change what SIGEX refused.
      onEditSettings={() => useJobsStore.getState().reset()}
      onStartOver={startOver}
    />
  );
}
