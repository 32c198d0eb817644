/**
 * Signing through KAZTOKEN: when KAZTOKEN desktop answered instead of NCALayer, the seed's
 * "Waiting for signature from KAZTOKEN mobile" and what to do on the phone; when NCALayer named
 * the KAZTOKEN storage (a USB token on this computer or the app), words true of both. Then the
 * file(s) being signed, and Cancel while it is still possible.
 */
import { useTranslation } from 'react-i18next';
import type { JobView, KaztokenSource } from '../../src-main/ipc/contract';
import { useConnectionStore } from '../store/connection';
import { useJobsStore } from '../store/jobs';
import { useFocusOnMount } from './common';

export function KaztokenPanel({ job, source }: { job: JobView; source: KaztokenSource }) {
  const { t } = useTranslation();
  const cancel = useJobsStore((s) => s.cancel);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const names = job.files.filter((f) => f.status === 'signing').map((f) => f.name);
  const what = names.length === 1 ? names[0] : t('qr:kaztoken.files', { count: names.length || job.files.length });

  return (
    <section
      className="panel working"
      data-testid="kaztoken-waiting"
      data-source={source}
      aria-labelledby="kaztoken-title"
      aria-busy="true"
    >
      <div className="working-head">
        <span className="spinner" aria-hidden="true" />
        <h1 id="kaztoken-title" className="working-text" tabIndex={-1} ref={headingRef} role="status" aria-live="polite">
          {t(source === 'mobile' ? 'qr:kaztoken.waiting' : 'qr:kaztoken.waitingToken')}
        </h1>
      </div>
      <p className="muted file-name" data-testid="kaztoken-what">
        {what}
      </p>
      <p>{t(source === 'mobile' ? 'qr:kaztoken.waitingHint' : 'qr:kaztoken.waitingTokenHint')}</p>
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
 * Where a KAZTOKEN signature comes from, or null: 'mobile' when KAZTOKEN desktop answered its
 * probe (main's, or the status check's where NCALayer should be); 'token' when NCALayer only
 * named the KAZTOKEN storage (a USB token on this computer, or the app).
 */
export function useKaztokenJob(job: JobView | undefined): KaztokenSource | null {
  const kaztokenDesktop = useConnectionStore((s) => s.status?.ncalayer?.state === 'ok' && s.status.ncalayer.service === 'KAZTOKEN desktop');
  if (!job || job.method !== 'ncalayer') return null;
  if (job.kaztoken === 'mobile' || kaztokenDesktop) return 'mobile';
  return job.kaztoken === 'token' ? 'token' : null;
}
