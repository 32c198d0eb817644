/**
 * Several files that all carry a SIGEX id: "Add my signature" to every document in ONE
 * NCALayer dialog (or with ONE eGov QR); each file's outcome is listed. The files are not renamed.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CosignOutcome, ErrorView, FileEntry } from '../../src-main/ipc/contract';
import { sigex } from '../store/app';
import { useFilesStore } from '../store/files';
import { useFocusOnMount, useFormattedError } from './common';
import { CosignQrBox, useCosignQr } from './CosignQr';

export function Outcome({ o }: { o: CosignOutcome | undefined }) {
  const { t } = useTranslation();
  const f = useFormattedError(o?.error);
  if (!o) return null;
  const notChecked = o.bytesCheck?.checked === false && o.status !== 'failed' && (
    <span data-testid="multi-bytes-not-checked"> · {t('cosign:multiBytesNotChecked', { oid: o.bytesCheck.digestOid })}</span>
  );
  if (o.status === 'cosigned')
    return (
      <span data-testid="multi-outcome">
        {t('cosign:multiAdded', { count: o.card?.signaturesTotal ?? 0 })}
        {notChecked}
      </span>
    );
  if (o.status === 'queued')
    return (
      <span data-testid="multi-outcome">
        {t('cosign:queued')}
        {notChecked}
      </span>
    );
  return <span data-testid="multi-outcome">{f?.message ?? ''}</span>;
}

/**
 * "Add my signature" to every document of `files` in one NCALayer dialog: the outcome per
 * file, or the error that stopped them all. Shared by this screen and a mixed batch's rows.
 */
export function useCosignAll(files: FileEntry[]) {
  const [busy, setBusy] = useState(false);
  const [results, setResults] = useState<CosignOutcome[] | null>(null);
  const [error, setError] = useState<ErrorView | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setResults(await sigex().cosign(files.map((f) => f.handle)));
    } catch (e) {
      setError(e as ErrorView);
    } finally {
      setBusy(false);
    }
  };
  return { busy, setBusy, results, setResults, error, setError, run };
}

export function MultiCosignScreen({ files }: { files: FileEntry[] }) {
  const { t } = useTranslation();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const { busy, setBusy, results, setResults, error, setError, run } = useCosignAll(files);
  const formatted = useFormattedError(error);
  const qrRun = useCosignQr();
  const runQr = async () => {
    setBusy(true);
    setError(null);
    const r = await qrRun.start(files.map((f) => f.handle));
    if ('error' in r) setError(r.error);
    else setResults(r.outcomes);
    setBusy(false);
  };
  return (
    <section className="panel" data-testid="multi-cosign" aria-labelledby="multi-cosign-title">
      <h1 id="multi-cosign-title" className="panel-title" tabIndex={-1} ref={headingRef}>
        {t('cosign:multiTitle', { count: files.length })}
      </h1>
      <p>{t('cosign:multiIntro')}</p>
      <ul className="card-signatures">
        {files.map((f, i) => (
          <li key={f.handle} data-testid="multi-file">
            <strong>{f.name}</strong> · {f.sigexIdInName}{' '}
            {results && (
              <>
                · <Outcome o={results[i]} />
              </>
            )}
          </li>
        ))}
      </ul>
      {busy && !qrRun.running && <p role="status">{t('cosign:adding')}</p>}
      <CosignQrBox run={qrRun} />
      {formatted && (
        <div className="notice notice-error" role="alert">
          <p>{formatted.message}</p>
        </div>
      )}
      <div className="actions">
        {!results && (
          <button type="button" className="btn btn-primary" data-testid="multi-add-signature" disabled={busy} onClick={() => void run()}>
            {t('cosign:addSignature')}
          </button>
        )}
        {!results && (
          <button type="button" className="btn" data-testid="multi-add-signature-qr" disabled={busy} onClick={() => void runQr()}>
            {t('cosign:addSignatureQr')}
          </button>
        )}
        <button
          type="button"
          className="btn btn-quiet"
          data-testid="multi-back"
          disabled={busy}
          onClick={() => void useFilesStore.getState().clear()}
        >
          {t('common:actions.startOver')}
        </button>
      </div>
    </section>
  );
}
