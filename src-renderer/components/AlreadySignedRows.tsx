/**
 * A mixed batch (new files plus files whose name carries -SigexId): the -SigexId ones are not
 * signed again as new documents; each links to its document page and opens its document card
 * here (check, "Add my signature", "Save document card"); several of them get my signature in
 * one NCALayer dialog.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileEntry } from '../../src-main/ipc/contract';
import { sigexBaseUrl, useAppStore } from '../store/app';
import { ExternalLink, useFormattedError, useLanguage } from './common';
import { Outcome, useCosignAll } from './MultiCosignScreen';
import { DocumentCardSection } from './DocumentCardSection';
import { documentPageUrl } from './format';

export function AlreadySignedRows({ files }: { files: FileEntry[] }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const info = useAppStore((s) => s.info);
  const [open, setOpen] = useState<string | null>(null);
  // Several of them: my signature to all their documents in ONE NCALayer dialog.
  const { busy, results, error, run: addToAll } = useCosignAll(files);
  const formatted = useFormattedError(error);
  if (files.length === 0) return null;
  return (
    <section className="already-signed-rows" data-testid="already-signed-rows" aria-labelledby="already-signed-rows-title">
      <h2 id="already-signed-rows-title" className="panel-subtitle">
        {t('cosign:mixedTitle', { count: files.length })}
      </h2>
      <p className="muted">{t('cosign:mixedIntro')}</p>
      <ul className="card-signatures">
        {files.map((f) => {
          const id = f.sigexIdInName ?? '';
          const shown = open === f.handle;
          return (
            <li key={f.handle} data-testid="already-signed-row">
              <strong>{f.name}</strong> · <code>{id}</code>{' '}
              {results && (
                <>
                  · <Outcome o={results[files.indexOf(f)]} />{' '}
                </>
              )}
              <ExternalLink href={documentPageUrl(sigexBaseUrl(info), id, lang)} testId="row-document-page">
                {t('cosign:openPage')}
              </ExternalLink>{' '}
              <button
                type="button"
                className="btn btn-small"
                data-testid="row-card-toggle"
                aria-expanded={shown}
                onClick={() => setOpen(shown ? null : f.handle)}
              >
                {t(shown ? 'cosign:hideCard' : 'cosign:showCard')}
              </button>
              {shown && <DocumentCardSection file={f} />}
            </li>
          );
        })}
      </ul>
      {files.length > 1 && !results && (
        <div className="row-actions">
          <button type="button" className="btn" data-testid="rows-add-signature" disabled={busy} onClick={() => void addToAll()}>
            {t('cosign:addToAll', { count: files.length })}
          </button>
          {busy && <span role="status">{t('cosign:adding')}</span>}
        </div>
      )}
      {formatted && (
        <div className="notice notice-error" role="alert">
          <p>{formatted.message}</p>
        </div>
      )}
    </section>
  );
}
