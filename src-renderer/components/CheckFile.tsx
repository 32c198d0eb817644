/**
 * "Check a file": a second, smaller drop area on the first screen (as on sigex.kz). A file
 * whose name carries a SIGEX id shows its document card; any other file is told so, with the
 * verify page offered.
 */
import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { verifyPageUrl } from '../../src-shared/sigex-pages';
import { sigexBaseUrl, useAppStore } from '../store/app';
import { useCheckStore } from '../store/check';
import { ExternalLink, useFocusOnMount, useFormattedError, useLanguage } from './common';
import { DocumentCardSection } from './DocumentCardSection';

export function CheckDropArea() {
  const { t } = useTranslation();
  const pick = useCheckStore((s) => s.pick);
  const [over, setOver] = useState(false);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    e.stopPropagation();
    setOver(false);
    const files = Array.from(e.dataTransfer.files);
    if (files.length > 0) void pick(files.slice(0, 1));
  };
  return (
    <section
      className={over ? 'check-drop is-over' : 'check-drop'}
      data-testid="check-dropzone"
      aria-labelledby="check-title"
      onDragEnter={(e) => {
        e.preventDefault();
        e.stopPropagation();
        setOver(true);
      }}
      onDragOver={(e) => {
        e.preventDefault();
        e.stopPropagation();
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <h2 id="check-title">{t('cosign:checkTitle')}</h2>
      <p className="muted">{t('cosign:checkHint')}</p>
      <button type="button" className="btn" data-testid="check-file" onClick={() => void pick(null)}>
        {t('cosign:checkButton')}
      </button>
    </section>
  );
}

export function CheckScreen() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const info = useAppStore((s) => s.info);
  const entry = useCheckStore((s) => s.entry);
  const clear = useCheckStore((s) => s.clear);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  if (!entry) return null;
  return (
    <section className="panel" data-testid="check-screen" aria-labelledby="check-screen-title">
      <h1 id="check-screen-title" className="panel-title" tabIndex={-1} ref={headingRef}>
        {entry.name}
      </h1>
      {entry.sigexIdInName ? (
        <DocumentCardSection file={entry} />
      ) : (
        <div className="notice notice-warn" data-testid="check-no-id">
          <p>{t('cosign:noId', { name: entry.name })}</p>
          <ExternalLink href={verifyPageUrl(sigexBaseUrl(info), lang)} className="btn" testId="check-verify-link">
            {t('cosign:openVerify')}
          </ExternalLink>
        </div>
      )}
      <div className="actions">
        <button type="button" className="btn btn-quiet" data-testid="check-back" onClick={clear}>
          {t('cosign:back')}
        </button>
      </div>
    </section>
  );
}

export function CheckError() {
  const error = useCheckStore((s) => s.error);
  const f = useFormattedError(error);
  if (!f) return null;
  return (
    <div className="notice notice-error" role="alert">
      <p>{f.message}</p>
      {f.description && <p>{f.description}</p>}
    </div>
  );
}
