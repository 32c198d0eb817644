/** Several files: one row per file with its outcome, document id, links and copy. */
import { useTranslation } from 'react-i18next';
import type { FileJobView, JobView } from '../../src-main/ipc/contract';
import { useJobsStore } from '../store/jobs';
import { useFocusOnMount, useFormattedError } from './common';
import { NcaServicesHint } from './ErrorPanel';
import { CertificateEmailNotice, DocumentLinks } from './SuccessPanel';
import { SignedCopy } from './SignedCopy';

function Outcome({ file }: { file: FileJobView }) {
  const { t } = useTranslation();
  const error = useFormattedError(file.error);
  if (file.status === 'registered') {
    return (
      <>
        {file.documentId && (
          <div>
            <code data-testid="document-id">{file.documentId}</code>
          </div>
        )}
        <DocumentLinks file={file} />
        {file.emailOutcome && <div className="muted small">{t(`sign:success.email.${file.emailOutcome}`)}</div>}
        <SignedCopy file={file} compact />
      </>
    );
  }
  if (file.status === 'queued') return <div className="muted">{t('sign:queued.text')}</div>;
  if (error) {
    return (
      <div className="row-error">
        {error.message}
        {error.description && <div className="muted small">{error.description}</div>}
      </div>
    );
  }
  return null;
}

export function BatchResult({ job, onDone }: { job: JobView; onDone: () => void }) {
  const { t } = useTranslation();
  const retry = useJobsStore((s) => s.retry);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const registered = job.files.filter((f) => f.status === 'registered').length;
  const failed = job.files.filter((f) => f.status === 'failed' || f.status === 'cancelled').length;
  const ncaHint = job.files.some((f) => f.error?.sigexKey === 'OCSP server problem' || f.error?.sigexKey === 'TSP server problem');
  const certificateEmail = job.files.find((f) => f.certificateEmail)?.certificateEmail;

  return (
    <section
      className={failed > 0 ? 'panel panel-warn batch' : 'panel panel-ok batch'}
      data-testid={registered > 0 ? 'success' : 'error'}
      aria-labelledby="batch-title"
    >
      <div role="status">
        <h1 id="batch-title" className="panel-title" tabIndex={-1} ref={headingRef}>
          <span className={failed > 0 ? 'state-icon state-warn' : 'state-icon state-ok'} aria-hidden="true" />
          {t('sign:batch.title')}
        </h1>
        <p>{t('sign:batch.summary', { done: registered, total: job.files.length })}</p>
        {registered > 0 && <p>{t('sign:success.registered')}</p>}
      </div>
      {certificateEmail && <CertificateEmailNotice email={certificateEmail} />}
      <div className="file-list-wrap">
        <table className="file-list batch-table">
          <caption className="visually-hidden">{t('sign:batch.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sign:fileList.name')}</th>
              <th scope="col" className="col-status">
                {t('sign:fileList.status')}
              </th>
              <th scope="col">{t('sign:batch.result')}</th>
            </tr>
          </thead>
          <tbody>
            {job.files.map((f) => (
              <tr key={f.handle} data-testid="file-row" data-status={f.status}>
                <td className="col-name">
                  <span className="file-name">{f.name}</span>
                </td>
                <td className="col-status">
                  <span className={`badge badge-${f.status === 'registered' ? 'ok' : f.status === 'queued' ? 'warn' : 'error'}`}>
                    {t(`sign:status.${f.status}`)}
                  </span>
                </td>
                <td>
                  <Outcome file={f} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {ncaHint && <NcaServicesHint />}
      {failed > 0 && <p className="notice notice-warn">{t('sign:batch.failedCount', { count: failed })}</p>}
      <div className="actions">
        {failed > 0 && (
          <button type="button" className="btn" data-testid="try-again" onClick={() => void retry()}>
            {t('sign:batch.retryFailed')}
          </button>
        )}
        <button type="button" className="btn btn-primary" data-testid="sign-another" onClick={onDone}>
          {t('sign:success.signAnother')}
        </button>
      </div>
    </section>
  );
}
