/** A job on its way: connecting -> PIN in NCALayer -> registering (upload progress) -> saving. */
import { useTranslation } from 'react-i18next';
import type { JobView } from '../../src-main/ipc/contract';
import { useJobsStore } from '../store/jobs';
import { FileList } from './FileList';
import { useFocusOnMount } from './common';

function phaseText(job: JobView | undefined, method: 'ncalayer' | 'qr', t: (k: string) => string): string {
  switch (job?.phase ?? 'connecting') {
    case 'connecting':
      return method === 'qr' ? t('sign:working.preparingQr') : t('sign:working.connecting');
    case 'signing':
      return method === 'qr' ? t('qr:waitingEgov') : t('sign:working.chooseKey');
    case 'registering':
      return t('sign:working.registering');
    case 'saving':
      return t('sign:working.saving');
    default:
      return t('sign:working.title');
  }
}

/** Upload progress over all files that report one. */
function overallProgress(job: JobView | undefined): { sent: number; total: number } | null {
  if (!job) return null;
  let sent = 0;
  let total = 0;
  for (const f of job.files) {
    if (f.status === 'registered') {
      sent += f.size;
      total += f.size;
    } else if (f.progress) {
      sent += f.progress.sent;
      total += f.progress.total;
    } else if (f.status === 'registering' || f.status === 'uploading') {
      total += f.size;
    }
  }
  return total > 0 ? { sent, total } : null;
}

export function WorkingPanel({ job, method }: { job: JobView | undefined; method: 'ncalayer' | 'qr' }) {
  const { t } = useTranslation();
  const cancel = useJobsStore((s) => s.cancel);
  // The sign button that started this is gone: keep keyboard and screen-reader users here.
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const text = phaseText(job, method, t);
  const progress = job?.phase === 'registering' || job?.phase === 'saving' ? overallProgress(job) : null;
  const many = (job?.files.length ?? 0) > 1;
  const done = job?.files.filter((f) => f.status === 'registered' || f.status === 'failed' || f.status === 'queued').length ?? 0;

  return (
    <section
      className="panel working"
      data-testid="working"
      data-phase={job?.phase ?? 'starting'}
      aria-labelledby="working-title"
      aria-busy="true"
    >
      <h1 id="working-title" className="visually-hidden" tabIndex={-1} ref={headingRef}>
        {t('sign:working.title')}
      </h1>
      <div className="working-head">
        <span className="spinner" aria-hidden="true" />
        <p className="working-text" role="status" aria-live="polite">
          {text}
        </p>
      </div>
      {job?.phase === 'registering' && (
        <div className="progress-block">
          <progress
            className="progress-main"
            aria-label={t('sign:working.uploadProgress')}
            {...(progress ? { max: progress.total, value: progress.sent } : {})}
          />
          {many && <p className="muted">{t('sign:working.filesProgress', { done, total: job.files.length })}</p>}
        </div>
      )}
      {many && job && <FileList rows={job.files} />}
      {(job?.cancellable ?? true) && (
        <div className="actions">
          <button type="button" className="btn" data-testid="cancel" disabled={!job} onClick={() => void cancel()}>
            {t('common:actions.cancel')}
          </button>
          <span className="muted">{t('sign:working.cancelHint')}</span>
        </div>
      )}
    </section>
  );
}
