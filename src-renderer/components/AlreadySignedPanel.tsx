/** The selected file's name carries "-SigexId<id>": the seed's three options instead of signing. */
import { useTranslation } from 'react-i18next';
import type { FileEntry } from '../../src-main/ipc/contract';
import { sigexBaseUrl, useAppStore } from '../store/app';
import { useFilesStore } from '../store/files';
import { useJobsStore } from '../store/jobs';
import { ExternalLink, useFocusOnMount, useLanguage } from './common';
import { DocumentCardSection } from './DocumentCardSection';
import { documentPageUrl } from './format';

export function AlreadySignedPanel({ file }: { file: FileEntry & { sigexIdInName: string } }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const info = useAppStore((s) => s.info);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const id = file.sigexIdInName;
  const startOver = () => {
    useJobsStore.getState().reset();
    void useFilesStore.getState().clear();
  };

  return (
    <section className="panel panel-warn" data-testid="already-signed" aria-labelledby="already-signed-title">
      <h1 id="already-signed-title" className="panel-title" tabIndex={-1} ref={headingRef}>
        <span className="state-icon state-warn" aria-hidden="true" />
        {t('sign:alreadySigned.title')}
      </h1>
      <p>{t('sign:alreadySigned.idInName', { title: file.name, id })}</p>
      <DocumentCardSection file={file} />
      <ul className="options-list">
        <li>
          <p>{t('sign:alreadySigned.addSignature')}</p>
          <ExternalLink href={documentPageUrl(sigexBaseUrl(info), id, lang)} className="btn" testId="document-page-link">
            {t('sign:alreadySigned.openDocumentPage')}
          </ExternalLink>
        </li>
        <li>
          <p>{t('sign:alreadySigned.rename')}</p>
        </li>
        <li>
          <p>{t('sign:alreadySigned.wrongFile')}</p>
          <button type="button" className="btn btn-primary" data-testid="start-over" onClick={startOver}>
            {t('common:actions.startOver')}
          </button>
        </li>
      </ul>
    </section>
  );
}
