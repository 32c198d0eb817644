/** A failed signing: the formatted error, the OCSP/TSP hint when it applies, retry / start over. */
import { useTranslation } from 'react-i18next';
import { isTransient, type ErrorView } from '../../src-main/ipc/contract';
import { sigexBaseUrl, useAppStore } from '../store/app';
import { ExternalLink, useFocusOnMount, useFormattedError } from './common';
import { statusPageUrl } from './format';

export interface ErrorPanelProps {
  error: ErrorView;
  fileName?: string;
  onRetry: () => void;
  onNewQr?: () => void;
  /** Back to the selected files with their settings (the files stay). */
  onEditSettings?: () => void;
  onStartOver: () => void;
  /** The signature was expected from KAZTOKEN mobile: an NCALayer-side failure gets the seed's KAZTOKEN text. */
  kaztokenMobile?: boolean;
}

/** Failures of the signing service itself (not of SIGEX, not of the user's choice). */
const SIGNING_SERVICE_FAILURES: ReadonlySet<ErrorView['kind']> = new Set([
  'ncalayer-error',
  'ncalayer-closed',
  'ncalayer-timeout',
  'ncalayer-protocol',
]);

/** Errors that the same request, with the same settings and files, cannot get past. */
const NOT_RETRYABLE: ReadonlySet<ErrorView['kind']> = new Set([
  'requirements-not-met',
  'file-changed',
  'name-too-long',
  'already-signed',
  'file-too-large',
  'invalid-input',
  // main does not ask again about refused recipients: only removing them helps
  'recipients-not-confirmed',
]);

/** Would "Try again" (the same request) have a chance? */
export function retryCanHelp(error: ErrorView): boolean {
  if (NOT_RETRYABLE.has(error.kind)) return false;
  // SIGEX refused by the document's rules (limit, unique, requirements, e-mail): only a change helps.
  if (error.kind === 'sigex-error') return isTransient(error);
  return true;
}

/** Errors whose cure is a change of the document settings (keep the files, edit, sign again). */
export function settingsCanHelp(error: ErrorView): boolean {
  return error.kind === 'requirements-not-met' || (error.kind === 'sigex-error' && !isTransient(error));
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

export function ErrorPanel({ error, fileName, onRetry, onNewQr, onEditSettings, onStartOver, kaztokenMobile }: ErrorPanelProps) {
  const { t } = useTranslation();
  const formatted = useFormattedError(error);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  if (!formatted) return null;
  const newQr = (error.kind === 'qr-expired' || error.kind === 'qr-declined') && onNewQr;
  const canRetry = retryCanHelp(error);
  const canEdit = !!onEditSettings && settingsCanHelp(error);
  // The way on is the primary button: a new QR, a retry, the settings, or else other files.
  const startOverIsTheWayOn = !newQr && !canRetry && !canEdit;

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
      {kaztokenMobile && SIGNING_SERVICE_FAILURES.has(error.kind) && (
        <p className="notice" data-testid="kaztoken-not-available">
          {t('qr:kaztoken.notAvailableApp')}
        </p>
      )}
      <div className="actions">
        {newQr ? (
          <button type="button" className="btn btn-primary" data-testid="new-qr" onClick={onNewQr}>
            {t('sign:error.newQr')}
          </button>
        ) : (
          canRetry && (
            <button type="button" className="btn btn-primary" data-testid="try-again" onClick={onRetry}>
              {t('common:actions.tryAgain')}
            </button>
          )
        )}
        {canEdit && (
          <button type="button" className={canRetry ? 'btn' : 'btn btn-primary'} data-testid="edit-settings" onClick={onEditSettings}>
            {t('sign:error.editSettings')}
          </button>
        )}
        <button type="button" className={startOverIsTheWayOn ? 'btn btn-primary' : 'btn'} data-testid="start-over" onClick={onStartOver}>
          {canRetry || newQr ? t('common:actions.startOver') : t('sign:error.chooseOther')}
        </button>
      </div>
    </section>
  );
}
