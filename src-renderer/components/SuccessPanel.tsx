/** One file signed and registered: the seed's texts in order, links, the copy, new names. */
import { useTranslation } from 'react-i18next';
import type { FileJobView, JobView } from '../../src-main/ipc/contract';
import { sigexBaseUrl, useAppStore } from '../store/app';
import { ExternalLink, CopyButton, useFocusOnMount, useLanguage } from './common';
import { sigexSettingsUrl } from './format';
import { SignedCopy } from './SignedCopy';
import { SaveCardButton } from './SaveCardButton';

export function DocumentLinks({ file }: { file: FileJobView }) {
  const { t } = useTranslation();
  return (
    <div className="links">
      {file.documentUrl && (
        <ExternalLink href={file.documentUrl} testId="document-page">
          {t('common:links.documentPage')}
        </ExternalLink>
      )}
      {file.verifyUrl && (
        <ExternalLink href={file.verifyUrl} testId="verify-page">
          {t('common:links.verifyPage')}
        </ExternalLink>
      )}
    </div>
  );
}

function NameToCopy({ name }: { name: string }) {
  const { t } = useTranslation();
  return (
    <li className="name-to-copy">
      <code>{name}</code>
      <CopyButton text={name} label={t('sign:success.copyName', { name })} />
    </li>
  );
}

/** "Your certificate contains e-mail X..." with the way to change it on SIGEX (single file and batch). */
export function CertificateEmailNotice({ email }: { email: string }) {
  const { t } = useTranslation();
  const info = useAppStore((s) => s.info);
  const lang = useLanguage();
  return (
    <div className="notice" data-testid="certificate-email">
      <p>{t('sign:success.certificateEmail', { email })}</p>
      <p>
        {t('sign:success.changeEmail')}{' '}
        <ExternalLink href={sigexSettingsUrl(sigexBaseUrl(info), lang)} testId="sigex-settings-link">
          {t('sign:success.openSigexSettings')}
        </ExternalLink>
      </p>
    </div>
  );
}

export function SuccessPanel({ job, file, onDone }: { job: JobView; file: FileJobView; onDone: () => void }) {
  const { t } = useTranslation();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section className="panel panel-ok" data-testid="success" aria-labelledby="success-title">
      <div role="status">
        <h1 id="success-title" className="panel-title" tabIndex={-1} ref={headingRef}>
          <span className="state-icon state-ok" aria-hidden="true" />
          {t('sign:success.title', { title: file.name })}
        </h1>
        <p>{t('sign:success.registered')}</p>
      </div>
      {file.documentId && (
        <p className="document-id">
          {t('sign:success.documentId')} <code data-testid="document-id">{file.documentId}</code>
        </p>
      )}
      {job.signer && <p className="muted">{t('sign:success.signer', { subject: job.signer.subject })}</p>}
      {file.bytesCheck?.checked === false && (
        <p className="muted" data-testid="bytes-not-checked">
          {t('sign:success.bytesNotChecked', { oid: file.bytesCheck.digestOid })}
        </p>
      )}
      {file.emailOutcome && <p data-testid="email-outcome">{t(`sign:success.email.${file.emailOutcome}`)}</p>}
      {file.certificateEmail && <CertificateEmailNotice email={file.certificateEmail} />}
      <DocumentLinks file={file} />
      {/* SIGEX's verify page takes no document id: say what to drop there. */}
      {file.verifyUrl && (
        <p className="muted" data-testid="verify-hint">
          {t('sign:success.verifyHint', { name: file.copy?.saved ? file.copy.name : file.name })}
        </p>
      )}
      <SignedCopy file={file} />
      <SaveCardButton jobId={job.jobId} file={file} />
      {/* After an automatic copy the manual rename is noise: shown only when no copy was saved. */}
      {file.suggestedNames && !file.copy?.saved && (
        <div className="rename" data-testid="rename-manually">
          <p>{t('sign:success.renameManually')}</p>
          <ul className="names">
            <NameToCopy name={file.suggestedNames.withExtension} />
            <NameToCopy name={file.suggestedNames.withoutExtension} />
          </ul>
        </div>
      )}
      <div className="actions">
        <button type="button" className="btn btn-primary" data-testid="sign-another" onClick={onDone}>
          {t('sign:success.signAnother')}
        </button>
      </div>
    </section>
  );
}

export function QueuedPanel({ file, onDone }: { file: FileJobView; onDone: () => void }) {
  const { t } = useTranslation();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section className="panel panel-warn" data-testid="queued" aria-labelledby="queued-title">
      <div role="status">
        <h1 id="queued-title" className="panel-title" tabIndex={-1} ref={headingRef}>
          <span className="state-icon state-warn" aria-hidden="true" />
          {t('sign:queued.title')}
        </h1>
        <p>{t('sign:queued.text')}</p>
      </div>
      <p className="muted">{file.name}</p>
      <div className="actions">
        <button type="button" className="btn btn-primary" onClick={onDone}>
          {t('sign:success.signAnother')}
        </button>
      </div>
    </section>
  );
}
