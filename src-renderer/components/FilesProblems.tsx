/** Problems while adding files (dialog or drop failed, too many files). */
import { useTranslation } from 'react-i18next';
import { MAX_FILES_PER_BATCH, useFilesStore } from '../store/files';
import { useFormattedError } from './common';

export function FilesProblems() {
  const { t } = useTranslation();
  const error = useFormattedError(useFilesStore((s) => s.error));
  const notice = useFilesStore((s) => s.notice);
  return (
    <>
      {notice === 'too-many' && (
        <p className="notice notice-warn" role="status">
          {t('sign:home.tooMany', { max: MAX_FILES_PER_BATCH })}
        </p>
      )}
      {error && (
        <div className="notice notice-error" role="alert">
          <strong>{error.message}</strong>
          {error.description && <div>{error.description}</div>}
        </div>
      )}
    </>
  );
}
