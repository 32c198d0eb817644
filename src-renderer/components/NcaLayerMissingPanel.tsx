/** NCALayer is not running (install link) or answers with an untrusted certificate (settings). */
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/app';
import { ExternalLink, useFocusOnMount } from './common';
import { NCALAYER_INSTALL_URL } from './format';

export interface NcaLayerMissingProps {
  kind: 'ncalayer-not-running' | 'ncalayer-untrusted';
  onRetry: () => void;
  onUseQr: () => void;
  onStartOver: () => void;
}

export function NcaLayerMissingPanel({ kind, onRetry, onUseQr, onStartOver }: NcaLayerMissingProps) {
  const { t } = useTranslation();
  const openSettings = useAppStore((s) => s.openSettings);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const untrusted = kind === 'ncalayer-untrusted';

  return (
    <section className="panel panel-warn" data-testid="ncalayer-missing" data-kind={kind} aria-labelledby="ncalayer-title">
      <h1 id="ncalayer-title" className="panel-title" tabIndex={-1} ref={headingRef}>
        <span className="state-icon state-warn" aria-hidden="true" />
        {untrusted ? t('common:ncalayerUntrusted') : t('sign:ncalayer.title')}
      </h1>
      <div role="alert">
        <p>
          {untrusted
            ? t('sign:ncalayer.untrusted')
            : t('sign:ncalayer.notDetectedApp', { retry: t('common:actions.retry'), diagnostics: t('settings:diagnostics.copy') })}
        </p>
      </div>
      <div className="row-actions">
        {untrusted ? (
          <button type="button" className="btn" data-testid="ncalayer-settings" onClick={openSettings}>
            {t('sign:ncalayer.openSettings')}
          </button>
        ) : (
          <ExternalLink href={NCALAYER_INSTALL_URL} className="btn" testId="ncalayer-install">
            {t('sign:ncalayer.install')}
          </ExternalLink>
        )}
      </div>
      <div className="actions">
        <button type="button" className="btn btn-primary" data-testid="retry" onClick={onRetry}>
          {t('common:actions.retry')}
        </button>
        <button type="button" className="btn" data-testid="use-qr" onClick={onUseQr}>
          {t('sign:ncalayer.useQr')}
        </button>
        <button type="button" className="btn btn-quiet" data-testid="start-over" onClick={onStartOver}>
          {t('common:actions.startOver')}
        </button>
      </div>
    </section>
  );
}
