/** The -SigexId copy of a registered file: saved (open folder), not saved (save), or failed. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileJobView } from '../../src-main/ipc/contract';
import { useJobsStore } from '../store/jobs';
import { useFormattedError } from './common';

export function SignedCopy({ file, compact = false }: { file: FileJobView; compact?: boolean }) {
  const { t } = useTranslation();
  const { saveCopy, showCopy } = useJobsStore.getState();
  const [saving, setSaving] = useState(false);
  const copy = file.copy;
  const error = useFormattedError(copy?.error);

  const save = async () => {
    setSaving(true);
    try {
      await saveCopy(file.handle);
    } finally {
      setSaving(false);
    }
  };
  const saveButton = (
    <button type="button" className="btn" data-testid="save-copy" disabled={saving} onClick={() => void save()}>
      {t('common:actions.saveCopy')}
    </button>
  );

  if (copy?.saved) {
    return (
      <div className="copy copy-saved">
        <p data-testid="copy-saved">
          <span className="state-icon state-ok" aria-hidden="true" />
          {t('sign:success.copySaved', { name: copy.name })}
        </p>
        {copy.folder && !compact && <p className="muted path">{t('sign:success.copyFolder', { folder: copy.folder })}</p>}
        <button type="button" className="btn" data-testid="open-folder" onClick={() => void showCopy(file.handle)}>
          {t('common:actions.openFolder')}
        </button>
      </div>
    );
  }
  if (error) {
    return (
      <div className="copy copy-error">
        <div role="alert" className="notice notice-error">
          <strong>{t('sign:success.copyError')}</strong> {error.message}
          {error.description && <div>{error.description}</div>}
        </div>
        {saveButton}
      </div>
    );
  }
  return (
    <div className="copy">
      {!compact && <p>{t('sign:success.copyRecommendation')}</p>}
      {saveButton}
    </div>
  );
}
