/** A failed signing: the formatted error, the OCSP/TSP hint when it applies, retry / start over. */
import { useTranslation } from 'react-i18next';
import type { ErrorView } from '../../src-main/ipc/contract';
import { sigexBaseUrl, useAppStore } from '../store/app';
import { ExternalLink, useFocusOnMount, useFormattedError } from './common';
import { statusPageUrl } from './format';

export interface ErrorPanelProps {
  error: ErrorView;
  fileName?: string;
  onRetry: () => void;
  onNewQr?: () => void;
  onStartOver: () => void;
}

export function NcaServicesHint() {
  const { t } = useTranslation();
  const info = useAppStore((s) => s.info);
  return (
    <div className="notice" data-testid="nca-services-hint">
      <p>{t('errors:ncaServicesHint')}</p>
      <ExternalLink href={statusPageUrl(sigexBaseUrl(info))} testId="status-page">
        {t('sign:error.statusPage')}
      </ExternalLink>
    </div>
  );
}

export function ErrorPanel({ error, fileName, onRetry, onNewQr, onStartOver }: ErrorPanelProps) {
  const { t } = useTranslation();
  const formatted = useFormattedError(error);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  if (!formatted) return null;
  const newQr = (error.kind === 'qr-expired' || error.kind === 'qr-declined') && onNewQr;

  return (
    <section className="panel panel-error" data-testid="error" data-kind={error.kind} aria-labelledby="error-title">
      <h1 id="error-title" className="panel-title" tabIndex={-1} ref={headingRef}>
        <span className="state-icon state-error" aria-hidden="true" />
        {formatted.title}
      </h1>
      {fileName && <p className="muted file-name">{fileName}</p>}
      <div role="alert">
        <p className="error-message">{formatted.message}</p>
        {formatted.description && <p className="error-description">{formatted.description}</p>}
      </div>
      {formatted.ncaServicesHint && <NcaServicesHint />}
      <div className="actions">
        {newQr ? (
          <button type="button" className="btn btn-primary" data-testid="new-qr" onClick={onNewQr}>
            {t('sign:error.newQr')}
          </button>
        ) : (
          <button type="button" className="btn btn-primary" data-testid="try-again" onClick={onRetry}>
            {t('common:actions.tryAgain')}
          </button>
        )}
        <button type="button" className="btn" data-testid="start-over" onClick={onStartOver}>
          {t('common:actions.startOver')}
        </button>
      </div>
    </section>
  );
}
