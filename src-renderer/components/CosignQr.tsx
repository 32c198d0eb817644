/**
 * "Add my signature with eGov QR": one QR for the given -SigexId files. Main answers
 * `cosignQrStart` once the QR is there and `cosignQrNext` at each change (the phone fetched
 * the data, then the outcomes); the QR is shown until it is spent, then "waiting for eGov".
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CosignOutcome, CosignQrState, ErrorView } from '../../src-main/ipc/contract';
import { sigex } from '../store/app';
import { QrCode, QrPreparing, QrWaiting } from './QrPanel';

function asError(e: unknown): ErrorView {
  return typeof e === 'object' && e !== null && 'kind' in e ? (e as ErrorView) : { kind: 'internal', message: String(e) };
}

export interface CosignQrRun {
  /** The state while a QR co-signature runs (null otherwise). */
  state: CosignQrState | null;
  running: boolean;
  start(handles: string[]): Promise<{ outcomes: CosignOutcome[] } | { error: ErrorView }>;
  cancel(): void;
}

export function useCosignQr(): CosignQrRun {
  const [state, setState] = useState<CosignQrState | null>(null);
  const [running, setRunning] = useState(false);
  const live = useRef(true);
  const current = useRef<string | null>(null);
  useEffect(
    () => () => {
      live.current = false;
      if (current.current) void sigex().cosignQrCancel(current.current);
    },
    [],
  );
  const show = (s: CosignQrState | null) => {
    if (live.current) setState(s);
  };
  const start: CosignQrRun['start'] = async (handles) => {
    setRunning(true);
    try {
      let s = await sigex().cosignQrStart(handles);
      current.current = s.sessionId;
      while (!s.outcomes && !s.error) {
        show(s);
        s = await sigex().cosignQrNext(s.sessionId, s.version);
      }
      return s.error ? { error: s.error } : { outcomes: s.outcomes ?? [] };
    } catch (e) {
      return { error: asError(e) };
    } finally {
      current.current = null;
      show(null);
      if (live.current) setRunning(false);
    }
  };
  const cancel = () => {
    if (current.current) void sigex().cosignQrCancel(current.current);
  };
  return { state, running, start, cancel };
}

/** The QR (or "waiting for eGov" once the phone fetched the data) with a Cancel button. */
export function CosignQrBox({ run }: { run: CosignQrRun }) {
  const { t } = useTranslation();
  const s = run.state;
  if (!run.running) return null;
  return (
    <div className="qr cosign-qr" data-testid="cosign-qr" data-state={s?.qr?.spent ? 'waiting' : 'scan'}>
      {s?.qr?.spent ? (
        <QrWaiting />
      ) : s?.qr ? (
        // Expired: the run ends with qr-expired (main stops it too); the button asks again.
        <QrCode qr={s.qr} onNewQr={run.cancel} />
      ) : (
        <QrPreparing />
      )}
      <div className="actions">
        <button type="button" className="btn" data-testid="cosign-qr-cancel" onClick={run.cancel}>
          {t('common:actions.cancel')}
        </button>
      </div>
    </div>
  );
}
