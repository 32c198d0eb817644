/**
 * Signing through KAZTOKEN (KAZTOKEN desktop answered instead of NCALayer, or NCALayer named the
 * KAZTOKEN storage): the seed's "Waiting for signature from KAZTOKEN mobile", what to do on the
 * phone, the file(s) being signed, and Cancel while it is still possible.
 */
import { useTranslation } from 'react-i18next';
import type { JobView } from '../../src-main/ipc/contract';
import { useConnectionStore } from '../store/connection';
import { useJobsStore } from '../store/jobs';
import { useFocusOnMount } from './common';

export function KaztokenPanel({ job }: { job: JobView }) {
  const { t } = useTranslation();
  const cancel = useJobsStore((s) => s.cancel);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const names = job.files.filter((f) => f.status === 'signing').map((f) => f.name);
  const what = names.length === 1 ? names[0] : t('qr:kaztoken.files', { count: names.length || job.files.length });

  return (
    <section className="panel working" data-testid="kaztoken-waiting" aria-labelledby="kaztoken-title" aria-busy="true">
      <div className="working-head">
        <span className="spinner" aria-hidden="true" />
        <h1 id="kaztoken-title" className="working-text" tabIndex={-1} ref={headingRef} role="status" aria-live="polite">
          {t('qr:kaztoken.waiting')}
        </h1>
      </div>
      <p className="muted file-name" data-testid="kaztoken-what">
        {what}
      </p>
      <p>{t('qr:kaztoken.waitingHint')}</p>
      {job.cancellable && (
        <div className="actions">
          <button type="button" className="btn" data-testid="cancel" onClick={() => void cancel()}>
            {t('common:actions.cancel')}
          </button>
        </div>
      )}
    </section>
  );
}

/**
 * The signature comes from KAZTOKEN mobile: the job says so (NCALayer named the KAZTOKEN
 * storage), or the status check found KAZTOKEN desktop where NCALayer should be.
 */
export function useKaztokenJob(job: JobView | undefined): boolean {
  const kaztokenDesktop = useConnectionStore((s) => s.status?.ncalayer?.state === 'ok' && s.status.ncalayer.service === 'KAZTOKEN desktop');
  return !!job && job.method === 'ncalayer' && (job.kaztoken === true || kaztokenDesktop);
}
