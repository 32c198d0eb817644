/**
 * A mixed batch (new files plus files whose name carries -SigexId): the -SigexId ones are not
 * signed again as new documents; each links to its document page and opens its document card
 * here (check, "Add my signature", "Save document card").
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileEntry } from '../../src-main/ipc/contract';
import { sigexBaseUrl, useAppStore } from '../store/app';
import { ExternalLink, useLanguage } from './common';
import { DocumentCardSection } from './DocumentCardSection';
import { documentPageUrl } from './format';

export function AlreadySignedRows({ files }: { files: FileEntry[] }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const info = useAppStore((s) => s.info);
  const [open, setOpen] = useState<string | null>(null);
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
    </section>
  );
}
