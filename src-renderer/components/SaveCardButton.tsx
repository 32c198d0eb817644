/**
 * "Save document card (PDF)" on the success screen of a registration. Main sends SIGEX the signed
 * bytes (the copy, or the original while unchanged) and refuses when neither has them any more.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorView, FileJobView } from '../../src-main/ipc/contract';
import { sigex } from '../store/app';
import { useSettingsStore } from '../store/settings';
import { useFormattedError } from './common';

export function SaveCardButton({ jobId, file }: { jobId: string; file: FileJobView }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<ErrorView | null>(null);
  const f = useFormattedError(error);
  const auto = useSettingsStore((s) => s.settings?.autoSaveCard === true);
  const started = useRef(false);
  const ready = file.status === 'registered' && !!file.documentId;
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      setSaved((await sigex().saveRegisteredCard({ jobId, handle: file.handle })).name);
    } catch (e) {
      setError(e as ErrorView);
    } finally {
      setBusy(false);
    }
  };
  // Setting "save the document card automatically": once per registered file.
  useEffect(() => {
    if (!auto || !ready || started.current) return;
    started.current = true;
    void save();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [auto, ready]);
  if (!ready) return null;
  return (
    <div className="save-card">
      <button type="button" className="btn" data-testid="save-registered-card" disabled={busy} onClick={() => void save()}>
        {t('cosign:saveCard')}
      </button>
      {saved && (
        <p className="notice notice-ok" role="status" data-testid="registered-card-saved">
          {t('cosign:cardSaved', { name: saved })}
        </p>
      )}
      {f && (
        <p className="notice notice-error" role="alert" data-testid="registered-card-error">
          {/* The card is only made from the signed bytes: neither the copy nor the original has them now. */}
          {error?.kind === 'file-changed' ? t('cosign:cardSignedBytesGone', { name: file.name }) : f.message}
        </p>
      )}
    </div>
  );
}
