/** Always visible: signing service, SIGEX reachability, connection re-check, language, settings. */
import { useTranslation } from 'react-i18next';
import type { ConnectionStatus } from '../../src-main/ipc/contract';
import { useAppStore } from '../store/app';
import { useConnectionStore } from '../store/connection';
import { useOutboxStore } from '../store/outbox';
import { selectCurrentJob, useJobsStore } from '../store/jobs';
import { useKaztokenJob } from './KaztokenPanel';
import { LanguageSwitcher } from './LanguageSwitcher';

type Tone = 'ok' | 'warn' | 'error' | 'unknown';

function ncalayerText(
  status: ConnectionStatus | null,
  t: (k: string, o?: Record<string, unknown>) => string,
): { text: string; tone: Tone } {
  const n = status?.ncalayer;
  if (!n) return { text: t('common:statusBar.checking'), tone: 'unknown' };
  switch (n.state) {
    case 'ok':
      return {
        text: t('common:statusBar.serviceVersion', { service: n.service ?? 'NCALayer', version: n.version ?? '' }).trim(),
        tone: 'ok',
      };
    case 'not-running':
      return { text: t('common:statusBar.notDetected'), tone: 'warn' };
    case 'untrusted':
      return { text: t('common:ncalayerUntrusted'), tone: 'error' };
    default:
      return { text: t('common:statusBar.serviceError'), tone: 'error' };
  }
}

function sigexText(status: ConnectionStatus | null, t: (k: string) => string): { text: string; tone: Tone } {
  const s = status?.sigex;
  if (!s) return { text: t('common:statusBar.checking'), tone: 'unknown' };
  if (s.state === 'ok') return { text: t('common:statusBar.online'), tone: 'ok' };
  if (s.state === 'offline') return { text: t('common:statusBar.offline'), tone: 'warn' };
  return { text: t('common:statusBar.sigexError'), tone: 'error' };
}

export function StatusBar() {
  const { t } = useTranslation();
  const status = useConnectionStore((s) => s.status);
  const checking = useConnectionStore((s) => s.checking);
  const check = useConnectionStore((s) => s.check);
  const openSettings = useAppStore((s) => s.openSettings);
  const openHistory = useAppStore((s) => s.openHistory);
  const waiting = useOutboxStore((s) => s.items.length);
  const job = useJobsStore(selectCurrentJob);
  const kaztoken = useKaztokenJob(job ?? undefined);
  const kaztokenWaiting = kaztoken && job?.phase === 'signing';
  const nca = ncalayerText(status, t);
  const sx = sigexText(status, t);

  return (
    <footer className="status-bar" data-testid="status-bar" aria-label={t('common:statusBar.label')}>
      <div className="status-items" role="status" aria-live="polite" aria-busy={checking}>
        <span className="status-item" data-testid="status-ncalayer">
          <span className={`dot dot-${nca.tone}`} aria-hidden="true" />
          <span className="status-label">{t('common:statusBar.signingService')}</span> <span>{nca.text}</span>
          {kaztokenWaiting && (
            <span className="status-extra" data-testid="status-kaztoken">
              {' · '}
              {t(kaztoken === 'mobile' ? 'common:statusBar.kaztokenWaiting' : 'common:statusBar.kaztokenTokenWaiting')}
            </span>
          )}
        </span>
        <span className="status-item" data-testid="status-sigex">
          <span className={`dot dot-${sx.tone}`} aria-hidden="true" />
          <span className="status-label">{t('common:statusBar.sigex')}</span> <span>{sx.text}</span>
        </span>
        {waiting > 0 && (
          <span className="status-item" data-testid="status-outbox">
            <span className="dot dot-warn" aria-hidden="true" />
            <span>{t(waiting === 1 ? 'outbox:queue.statusBar_one' : 'outbox:queue.statusBar_other', { count: waiting })}</span>
          </span>
        )}
      </div>
      <div className="status-actions">
        <button
          type="button"
          className="btn btn-quiet btn-icon"
          onClick={() => void check()}
          disabled={checking}
          data-testid="recheck"
          aria-label={t('common:statusBar.recheck')}
          title={t('common:statusBar.recheck')}
        >
          <svg className={checking ? 'icon is-spinning' : 'icon'} viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <path d="M13.5 8a5.5 5.5 0 1 1-1.6-3.9" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
            <path d="M12.5 1.5v3h-3" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        </button>
        <button type="button" className="btn btn-quiet" data-testid="open-history" onClick={openHistory}>
          {t('outbox:history.open')}
        </button>
        <LanguageSwitcher />
        <button type="button" className="btn btn-quiet" data-testid="open-settings" onClick={openSettings}>
          {t('common:statusBar.settings')}
        </button>
      </div>
    </footer>
  );
}
