/**
 * A job on its way: reading the files -> sending them to NCALayer -> PIN -> registering
 * (upload with rate and time left) -> saving the copy. Names the file (or the count) it works on.
 */
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ActivityView, JobView, Language } from '../../src-main/ipc/contract';
import { useJobsStore } from '../store/jobs';
import { FileList } from './FileList';
import { useFocusOnMount, useLanguage } from './common';
import { formatSize, localeTag } from './format';

function phaseText(job: JobView | undefined, method: 'ncalayer' | 'qr', t: (k: string) => string): string {
  // The files are read (hashed) before anything connects: say so, not "connecting".
  if (job?.activity?.step === 'hashing') return t('sign:working.preparing');
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

/** Upload progress over the batch's files still on their way (a file saving its copy is sent). */
function overallProgress(job: JobView | undefined): { sent: number; total: number } | null {
  if (!job) return null;
  let sent = 0;
  let total = 0;
  for (const f of job.files) {
    if (!['signed', 'registering', 'uploading', 'saving', 'registered'].includes(f.status)) continue;
    total += f.size;
    if (f.status === 'saving' || f.status === 'registered') sent += f.size;
    else if (f.status === 'uploading' && f.progress) sent += f.progress.sent;
  }
  return total > 0 ? { sent, total } : null;
}

/** "45 % · 120 MB/s · about 8 s left": what a long step has done and how long it may take. */
function activityFigures(a: ActivityView, t: TFunction, lang: Language): string {
  const parts: string[] = [];
  if (a.total > 0) {
    parts.push(
      new Intl.NumberFormat(localeTag(lang), { style: 'percent', maximumFractionDigits: 0 }).format(Math.min(1, a.done / a.total)),
    );
  }
  if (a.bytesPerSecond !== undefined) parts.push(t('sign:working.rate', { size: formatSize(a.bytesPerSecond, t, lang) }));
  if (a.secondsLeft !== undefined && a.done < a.total) {
    parts.push(
      a.secondsLeft < 60
        ? t('sign:working.leftSeconds', { n: Math.max(1, a.secondsLeft) })
        : t('sign:working.leftMinutes', { n: Math.ceil(a.secondsLeft / 60) }),
    );
  }
  return parts.join(' · ');
}

/** The current step of a long file (not the PIN wait, which the phase text already says). */
function ActivityLine({ activity }: { activity: ActivityView }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  if (activity.step === 'pin') return null;
  const label = t(`sign:working.step.${activity.step}`, { name: activity.fileName ?? '' });
  const figures = activityFigures(activity, t, lang);
  // The upload has its own bar below (over all files); the other steps get one here.
  const bar = activity.step !== 'uploading' && activity.total > 0;
  return (
    <div className="activity" data-testid="activity" data-step={activity.step}>
      <p className="activity-label">{label}</p>
      {bar && <progress className="progress-main" aria-label={label} max={activity.total} value={activity.done} />}
      {figures && (
        <p className="muted activity-figures" data-testid="activity-figures">
          {figures}
        </p>
      )}
    </div>
  );
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
  const subject = !job
    ? null
    : many
      ? t('sign:working.subjectMany', { n: job.files.length })
      : t('sign:working.subjectOne', { name: job.files[0]?.name ?? '' });

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
      {subject && (
        <p className="working-subject" data-testid="working-subject">
          {subject}
        </p>
      )}
      <div className="working-head">
        <span className="spinner" aria-hidden="true" />
        <p className="working-text" role="status" aria-live="polite">
          {text}
        </p>
      </div>
      {job?.activity && <ActivityLine activity={job.activity} />}
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
