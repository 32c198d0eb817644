/** Several files: one row per file with its outcome, document id, links and copy. */
import { useTranslation } from 'react-i18next';
import type { FileEntry, FileJobView, JobView } from '../../src-main/ipc/contract';
import { sigexBaseUrl, useAppStore } from '../store/app';
import { useJobsStore } from '../store/jobs';
import { useFocusOnMount, useFormattedError, useLanguage } from './common';
import { documentPageUrl } from './format';
import { NcaServicesHint } from './ErrorPanel';
import { CertificateEmailNotice, DocumentLinks } from './SuccessPanel';
import { ExternalLink } from './common';
import { CompactTable, Pill } from './table/CompactTable';
import { SignedCopy } from './SignedCopy';

/** Green done, amber waiting or skipped, red failed; blue while a file is still on its way (the queue works on it). */
function pillTone(status: FileJobView['status']): 'ok' | 'warn' | 'error' | 'info' {
  if (status === 'registered') return 'ok';
  if (status === 'queued' || status === 'already-signed') return 'warn';
  if (status === 'failed' || status === 'cancelled') return 'error';
  return 'info';
}

/** The short result in the row: the document id and page, or what went wrong. */
function Result({ file }: { file: FileJobView }) {
  const { t } = useTranslation();
  const error = useFormattedError(file.error);
  if (file.status === 'registered') {
    return (
      <span className="batch-result">
        {file.documentId && <code data-testid="document-id">{file.documentId}</code>}{' '}
        {file.documentUrl && (
          <ExternalLink href={file.documentUrl} testId="document-page">
            {t('common:links.documentPage')}
          </ExternalLink>
        )}
      </span>
    );
  }
  if (file.status === 'already-signed' && file.sigexIdInName) return <AlreadySignedResult id={file.sigexIdInName} />;
  if (file.status === 'queued') return <span className="muted">{t('sign:batch.queuedShort')}</span>;
  if (error) return <span className="row-error">{error.message}</span>;
  return null;
}

/** A file skipped because its name carries a SIGEX id: its id and its document page. */
function AlreadySignedResult({ id }: { id: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const info = useAppStore((s) => s.info);
  return (
    <span className="batch-result">
      <code data-testid="document-id">{id}</code>{' '}
      <ExternalLink href={documentPageUrl(sigexBaseUrl(info), id, lang)} testId="document-page">
        {t('common:links.documentPage')}
      </ExternalLink>
    </span>
  );
}

/** On demand: the copy, the verify page, the e-mail outcome when it differs, the error's advice. */
function Details({ file, sharedEmail }: { file: FileJobView; sharedEmail: boolean }) {
  const { t } = useTranslation();
  const error = useFormattedError(file.error);
  if (file.status === 'registered') {
    return (
      <>
        <DocumentLinks file={file} />
        {file.bytesCheck?.checked === false && (
          <div className="muted small" data-testid="bytes-not-checked">
            {t('sign:success.bytesNotChecked', { oid: file.bytesCheck.digestOid })}
          </div>
        )}
        {file.emailOutcome && !sharedEmail && <div className="muted small">{t(`sign:success.email.${file.emailOutcome}`)}</div>}
        <SignedCopy file={file} compact />
      </>
    );
  }
  if (file.status === 'already-signed' && file.sigexIdInName) {
    return <div className="muted small">{t('sign:batch.alreadySignedDetail', { id: file.sigexIdInName })}</div>;
  }
  if (file.status === 'queued') return <div className="muted">{t('sign:queued.text')}</div>;
  if (error?.description) return <div className="muted small">{error.description}</div>;
  return <div className="muted small">{file.name}</div>;
}

/**
 * `skipped`: selected files whose name carries a SIGEX id (not sent to be signed): they get a
 * row of their own with the id and the document page, so a mixed batch accounts for every file.
 */
export function BatchResult({ job, onDone, skipped = [] }: { job: JobView; onDone: () => void; skipped?: readonly FileEntry[] }) {
  const { t } = useTranslation();
  const retry = useJobsStore((s) => s.retry);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const registered = job.files.filter((f) => f.status === 'registered').length;
  const failed = job.files.filter((f) => f.status === 'failed' || f.status === 'cancelled').length;
  const waiting = job.files.some((f) => f.status === 'queued');
  const ncaHint = job.files.some((f) => f.error?.sigexKey === 'OCSP server problem' || f.error?.sigexKey === 'TSP server problem');
  const certificateEmail = job.files.find((f) => f.certificateEmail)?.certificateEmail;
  const registeredFiles = job.files.filter((f) => f.status === 'registered');
  // One e-mail sentence and one "Open folder" for the batch when every file shares them.
  const sharedEmail = registeredFiles.length > 1 && registeredFiles.every((f) => f.emailOutcome === registeredFiles[0]?.emailOutcome);
  const folders = new Set(registeredFiles.map((f) => (f.copy?.saved ? (f.copy.folder ?? '') : null)));
  const onlyFolder = folders.size === 1 ? [...folders][0] : null;
  const sharedFolder = registeredFiles.length > 1 && onlyFolder ? onlyFolder : null;
  const showCopy = useJobsStore((s) => s.showCopy);

  return (
    <section
      className={failed > 0 || waiting ? 'panel panel-warn batch' : 'panel panel-ok batch'}
      data-testid={registered > 0 ? 'success' : 'error'}
      aria-labelledby="batch-title"
    >
      <div role="status">
        <h1 id="batch-title" className="panel-title" tabIndex={-1} ref={headingRef}>
          <span className={failed > 0 || waiting ? 'state-icon state-warn' : 'state-icon state-ok'} aria-hidden="true" />
          {t('sign:batch.title')}
        </h1>
        <p>{t('sign:batch.summary', { done: registered, total: job.files.length })}</p>
        {registered > 0 && <p>{t('sign:success.registered')}</p>}
      </div>
      {certificateEmail && <CertificateEmailNotice email={certificateEmail} />}
      {sharedEmail && registeredFiles[0]?.emailOutcome && (
        <p className="muted" data-testid="email-outcome">
          {t(`sign:success.email.${registeredFiles[0].emailOutcome}`)}
        </p>
      )}
      <CompactTable
        caption={t('sign:batch.title')}
        rows={[
          ...job.files,
          ...skipped.map((f): FileJobView => ({
            handle: f.handle,
            name: f.name,
            size: f.size,
            status: 'already-signed',
            sigexIdInName: f.sigexIdInName,
          })),
        ]}
        rowKey={(f) => f.handle}
        testId="batch-table"
        rowTestId="file-row"
        detailsText={{ show: t('sign:batch.details'), hide: t('sign:batch.hideDetails') }}
        rowName={(f) => f.name}
        columns={[
          { key: 'name', header: t('sign:fileList.name'), grow: true, cell: (f) => <span title={f.name}>{f.name}</span> },
          {
            key: 'status',
            header: t('sign:fileList.status'),
            nowrap: true,
            cell: (f) => <Pill tone={pillTone(f.status)}>{t(`sign:status.${f.status}`)}</Pill>,
          },
          { key: 'result', header: t('sign:batch.result'), wide: true, cell: (f) => <Result file={f} /> },
        ]}
        details={(f) => <Details file={f} sharedEmail={sharedEmail} />}
      />
      {sharedFolder && (
        <div className="row-actions">
          <button type="button" className="btn" data-testid="open-shared-folder" onClick={() => void showCopy(registeredFiles[0]!.handle)}>
            {t('common:actions.openFolder')}
          </button>
          <span className="muted small">{t('sign:success.copyFolder', { folder: sharedFolder })}</span>
        </div>
      )}
      {ncaHint && <NcaServicesHint />}
      {failed > 0 && <p className="notice notice-warn">{t('sign:batch.failedCount', { count: failed })}</p>}
      <div className="actions sticky-actions">
        {failed > 0 && (
          <button type="button" className="btn" data-testid="try-again" onClick={() => void retry()}>
            {t('sign:batch.retryFailed')}
          </button>
        )}
        <button type="button" className="btn btn-primary" data-testid="sign-another" onClick={onDone}>
          {t('sign:batch.signOther')}
        </button>
      </div>
    </section>
  );
}
