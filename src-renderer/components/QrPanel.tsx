/**
 * eGov mobile / eGov Business by QR: the code with a countdown and the deep links (as text
 * to copy: they only work on the phone), then "Waiting for signature from eGov" once the
 * phone fetched the data.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobView, QrView } from '../../src-main/ipc/contract';
import { useJobsStore } from '../store/jobs';
import { CopyButton, useFocusOnMount } from './common';
import { formatCountdown } from './format';

/** expireAt is in milliseconds; a value in seconds (10 digits) is accepted too. */
export function expiryMs(expireAt: number): number {
  return expireAt < 1e12 ? expireAt * 1000 : expireAt;
}

/** Re-renders every second while `active`. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

function DeepLink({ label, url }: { label: string; url: string }) {
  const { t } = useTranslation();
  return (
    <li className="deep-link">
      <span className="deep-link-label">{label}</span>
      <code className="deep-link-url">{url}</code>
      <CopyButton text={url} label={t('qr:copyLink', { app: label })} />
    </li>
  );
}

export function QrCode({ qr, onNewQr }: { qr: QrView; onNewQr: () => void }) {
  const { t } = useTranslation();
  const expireAt = expiryMs(qr.expireAt);
  const now = useNow(true);
  const left = expireAt - now;
  const expired = left <= 0;
  // Co-signing replaces an unscanned QR by itself (a bounded number of times): no button then.
  const renewing = expired && qr.renewals !== undefined && qr.renewals.done < qr.renewals.max;

  return (
    <>
      <p className="lead">{t('qr:scan')}</p>
      {qr.renewals && qr.renewals.done > 0 && !expired && (
        <p className="notice notice-warn" role="status" data-testid="qr-renewed">
          {t('qr:renewed', { done: qr.renewals.done, max: qr.renewals.max })}
        </p>
      )}
      <div className="qr-box">
        {renewing ? (
          <div className="qr-expired" role="status" data-testid="qr-renewing">
            <p>{t('qr:renewing')}</p>
          </div>
        ) : expired ? (
          <div className="qr-expired" role="alert">
            <p>{t('qr:expired')}</p>
            <button type="button" className="btn btn-primary" data-testid="new-qr" onClick={onNewQr}>
              {t('qr:newQr')}
            </button>
          </div>
        ) : (
          <img className="qr-image" data-testid="qr-image" src={qr.image} alt={t('qr:imageAlt')} width={240} height={240} />
        )}
      </div>
      {!expired && (
        <p className="qr-countdown" role="timer" data-testid="qr-countdown">
          {t('qr:expiresIn', { time: formatCountdown(left) })}
        </p>
      )}
      <div className="deep-links">
        <p className="muted">{t('qr:deepLinks')}</p>
        <ul>
          <DeepLink label={t('qr:egovMobileLink')} url={qr.eGovMobileLaunchLink} />
          <DeepLink label={t('qr:egovBusinessLink')} url={qr.eGovBusinessLaunchLink} />
        </ul>
      </div>
    </>
  );
}

/** The phone fetched the data: the QR is spent, the signature is awaited in eGov. */
export function QrWaiting() {
  const { t } = useTranslation();
  return (
    <div className="working-head">
      <span className="spinner" aria-hidden="true" />
      <div>
        <p className="working-text" role="status" aria-live="polite" data-testid="qr-waiting">
          {t('qr:waitingEgov')}
        </p>
        <p className="muted">{t('qr:waitingHint')}</p>
      </div>
    </div>
  );
}

/** SIGEX is preparing the QR. */
export function QrPreparing() {
  const { t } = useTranslation();
  return (
    <div className="working-head">
      <span className="spinner" aria-hidden="true" />
      <p className="working-text" role="status" aria-live="polite">
        {t('sign:working.preparingQr')}
      </p>
    </div>
  );
}

export function QrPanel({ job }: { job: JobView }) {
  const { t } = useTranslation();
  const { cancel, retry } = useJobsStore.getState();
  const qr = job.qr;
  const waiting = job.phase === 'qr-waiting' || qr?.spent === true;
  const headingRef = useFocusOnMount<HTMLHeadingElement>();

  const newQr = async () => {
    if (job.cancellable && job.phase === 'qr-scan') await cancel();
    await retry('qr');
  };

  return (
    <section className="panel qr" data-testid="qr" data-state={waiting ? 'waiting' : 'scan'} aria-labelledby="qr-title">
      <h1 id="qr-title" className="panel-title" tabIndex={-1} ref={headingRef}>
        {t('qr:title')}
      </h1>
      {waiting ? <QrWaiting /> : qr ? <QrCode qr={qr} onNewQr={() => void newQr()} /> : <QrPreparing />}
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
