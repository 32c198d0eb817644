/**
 * The document card of a file whose name carries a SIGEX id: the signatures from SIGEX,
 * limit and restrictions, whether THIS file is the registered document, "Add my signature"
 * (one NCALayer dialog, or eGov QR; the file is not renamed) and "Save document card (PDF)".
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BytesCheckView, CosignOutcome, DocumentCard, ErrorView, FileEntry } from '../../src-main/ipc/contract';
import { sigex } from '../store/app';
import { ExternalLink, useFormattedError, useLanguage } from './common';
import { CosignQrBox, useCosignQr } from './CosignQr';
import { localeTag } from './format';

type Busy = 'loading' | 'signing' | 'qr' | 'saving' | null;

function asError(e: unknown): ErrorView {
  return typeof e === 'object' && e !== null && 'kind' in e ? (e as ErrorView) : { kind: 'internal', message: String(e) };
}

export function DocumentCardSection({ file }: { file: FileEntry }) {
  const { t } = useTranslation();
  const [card, setCard] = useState<DocumentCard | null>(null);
  const [busy, setBusy] = useState<Busy>('loading');
  const [error, setError] = useState<ErrorView | null>(null);
  const [added, setAdded] = useState(false);
  const [queued, setQueued] = useState(false);
  const [savedName, setSavedName] = useState<string | null>(null);
  /** My signature's byte check, once it is made (not checked: a digest the app cannot compute). */
  const [bytesCheck, setBytesCheck] = useState<BytesCheckView | null>(null);
  const formatted = useFormattedError(error);
  const lang = useLanguage();
  const qrRun = useCosignQr();

  useEffect(() => {
    let live = true;
    sigex()
      .checkDocument(file.handle)
      .then(
        (c) => live && setCard(c),
        (e: unknown) => live && setError(asError(e)),
      )
      .finally(() => live && setBusy(null));
    return () => {
      live = false;
    };
  }, [file.handle]);

  const applyOutcome = (r: CosignOutcome | undefined) => {
    setBytesCheck(r && r.status !== 'failed' ? (r.bytesCheck ?? null) : null);
    if (r?.status === 'cosigned') {
      setAdded(true);
      if (r.card) setCard(r.card);
      if (r.cardSaved) setSavedName(r.cardSaved.name);
      if (r.cardError) setError(r.cardError);
    } else if (r?.status === 'queued') setQueued(true);
    else if (r?.error) setError(r.error);
  };

  const addSignature = async () => {
    setBusy('signing');
    setError(null);
    try {
      const [r] = await sigex().cosign([file.handle]);
      applyOutcome(r);
    } catch (e) {
      setError(asError(e));
    } finally {
      setBusy(null);
    }
  };

  const addSignatureByQr = async () => {
    setBusy('qr');
    setError(null);
    const r = await qrRun.start([file.handle]);
    if ('error' in r) setError(r.error);
    else applyOutcome(r.outcomes[0]);
    setBusy(null);
  };

  const saveCard = async () => {
    setBusy('saving');
    setError(null);
    try {
      setSavedName((await sigex().saveDocumentCard(file.handle)).name);
    } catch (e) {
      setError(asError(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="document-card" data-testid="document-card" aria-busy={busy !== null}>
      {busy === 'loading' && <p>{t('cosign:loading')}</p>}
      {card && (
        <>
          <h2 className="panel-subtitle">{t('cosign:title')}</h2>
          <dl className="card-facts">
            <dt>{t('cosign:titleLabel')}</dt>
            <dd data-testid="card-title">{card.title}</dd>
            <dt>{t('cosign:idLabel')}</dt>
            <dd>{card.documentId}</dd>
          </dl>
          <p data-testid="card-match" className={card.matches === true ? 'notice notice-ok' : 'notice notice-warn'}>
            {t(card.matches === true ? 'cosign:matchTrue' : card.matches === false ? 'cosign:matchFalse' : 'cosign:matchNull')}
          </p>
          <h3>{t('cosign:signatures', { count: card.signaturesTotal })}</h3>
          <ol className="card-signatures" data-testid="card-signatures">
            {card.signatures.map((s) => (
              <li key={s.signId} data-testid="card-signature">
                <strong>{s.signer}</strong>
                {s.iin && <span> · {t('cosign:iin', { iin: s.iin })}</span>}
                {s.bin && <span> · {t('cosign:bin', { bin: s.bin })}</span>}
                {s.organisation && <span> · {s.organisation}</span>}
                {s.time && <span> · {new Date(s.time).toLocaleString(localeTag(lang))}</span>}
                <span>
                  {' '}
                  · {t(s.tsp ? 'cosign:tsp' : 'cosign:noTsp')}, {t(s.ocsp ? 'cosign:ocsp' : 'cosign:noOcsp')}
                </span>
              </li>
            ))}
          </ol>
          <ul className="card-rules">
            <li>
              {card.signaturesLimit > 0
                ? t('cosign:limit', { total: card.signaturesTotal, limit: card.signaturesLimit })
                : t('cosign:noLimit')}
            </li>
            {card.restrictions.unique.includes('iin') && <li>{t('cosign:uniqueIin')}</li>}
            {card.restrictions.unique.includes('bin') && <li>{t('cosign:uniqueBin')}</li>}
            {card.restrictions.requirements > 0 && <li>{t('cosign:requirements', { count: card.restrictions.requirements })}</li>}
          </ul>
          {added && (
            <p className="notice notice-ok" role="status" data-testid="cosign-added">
              {t('cosign:added')}
            </p>
          )}
          {queued && (
            <p className="notice notice-warn" role="status" data-testid="cosign-queued">
              {t('cosign:queued')}
            </p>
          )}
          {bytesCheck?.checked === false && (
            <p className="notice notice-warn" role="status" data-testid="cosign-bytes-not-checked">
              {t('cosign:bytesNotChecked', { oid: bytesCheck.digestOid })}
            </p>
          )}
          {busy === 'signing' && <p role="status">{t('cosign:adding')}</p>}
          <CosignQrBox run={qrRun} />
          <div className="actions">
            {/* Once my signature is added (or waits in the queue), a second click would sign again. */}
            {!added && !queued && (
              <>
                <button
                  type="button"
                  className="btn btn-primary"
                  data-testid="add-my-signature"
                  disabled={busy !== null}
                  onClick={() => void addSignature()}
                >
                  {t('cosign:addSignature')}
                </button>
                <button
                  type="button"
                  className="btn"
                  data-testid="add-my-signature-qr"
                  disabled={busy !== null}
                  onClick={() => void addSignatureByQr()}
                >
                  {t('cosign:addSignatureQr')}
                </button>
              </>
            )}
            <button type="button" className="btn" data-testid="save-card" disabled={busy !== null} onClick={() => void saveCard()}>
              {t('cosign:saveCard')}
            </button>
            <ExternalLink href={card.documentUrl} className="btn btn-quiet" testId="card-document-page">
              {t('cosign:openPage')}
            </ExternalLink>
          </div>
          {savedName && (
            <p className="notice notice-ok" role="status" data-testid="card-saved">
              {t('cosign:cardSaved', { name: savedName })}
            </p>
          )}
        </>
      )}
      {formatted && (
        <div className="notice notice-error" role="alert" data-testid="card-error">
          {!card && <p>{t('cosign:checkFailed')}</p>}
          <p>{formatted.message}</p>
          {formatted.description && <p>{formatted.description}</p>}
        </div>
      )}
    </div>
  );
}
