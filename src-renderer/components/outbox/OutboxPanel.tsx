/**
 * The queue on the main screen: signed files waiting for SIGEX, with the reason, the next
 * attempt, "Retry now" and "Discard" (which asks first and says what is lost).
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutboxItemView } from '../../../src-main/ipc/contract';
import { logWarning, toErrorView } from '../../store/app';
import { useOutboxStore } from '../../store/outbox';
import { useFormattedError, useLanguage } from '../common';
import { CompactTable, Pill } from '../table/CompactTable';
import { localeTag } from '../format';

function Reason({ item }: { item: OutboxItemView }) {
  const error = useFormattedError(item.reason);
  return <span title={error?.description}>{error ? error.message : '—'}</span>;
}

function stateTone(state: OutboxItemView['state']): 'info' | 'warn' | 'error' {
  return state === 'working' ? 'info' : state === 'queued' ? 'warn' : 'error';
}

function DiscardDialog({ item, onClose }: { item: OutboxItemView; onClose: () => void }) {
  const { t } = useTranslation('outbox');
  const discard = useOutboxStore((s) => s.discard);
  const keepRef = useRef<HTMLButtonElement>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => keepRef.current?.focus(), []);
  const titleId = `discard-title-${item.id}`;
  return (
    <div className="modal-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="modal" role="alertdialog" aria-modal="true" aria-labelledby={titleId} data-testid="discard-dialog">
        <h2 id={titleId}>{t('queue.confirm.title', { name: item.name })}</h2>
        <p>{t('queue.confirm.text')}</p>
        {item.documentId && <p>{t('queue.confirm.registered', { id: item.documentId })}</p>}
        {error && (
          <p className="row-error" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="button" className="btn" ref={keepRef} onClick={onClose} data-testid="discard-keep">
            {t('queue.confirm.keep')}
          </button>
          <button
            type="button"
            className="btn btn-danger"
            data-testid="discard-confirm"
            onClick={() =>
              discard(item.id).then(onClose, (e: unknown) => {
                logWarning('discard failed', e);
                setError(toErrorView(e).message);
              })
            }
          >
            {t('queue.confirm.discard')}
          </button>
        </div>
      </div>
    </div>
  );
}

export function OutboxPanel() {
  const { t } = useTranslation('outbox');
  const lang = useLanguage();
  const items = useOutboxStore((s) => s.items);
  const retry = useOutboxStore((s) => s.retry);
  const [confirming, setConfirming] = useState<OutboxItemView | null>(null);
  if (items.length === 0) return null;
  const time = (ms: number) =>
    new Intl.DateTimeFormat(localeTag(lang), { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(ms);
  return (
    <section className="outbox-panel" data-testid="outbox-panel" aria-labelledby="outbox-title">
      <h2 id="outbox-title">{t('queue.title')}</h2>
      <p className="muted small">{t(items.length === 1 ? 'queue.intro_one' : 'queue.intro_other', { count: items.length })}</p>
      <CompactTable
        caption={t('queue.title')}
        rows={items}
        rowKey={(i) => i.id}
        testId="outbox-table"
        rowTestId="outbox-row"
        detailsText={{ show: t('queue.details'), hide: t('queue.hideDetails') }}
        rowName={(i) => i.name}
        columns={[
          { key: 'name', header: t('queue.file'), cell: (i) => <span title={i.path}>{i.name}</span>, grow: true },
          {
            key: 'state',
            header: t('queue.state'),
            nowrap: true,
            cell: (i) => (
              <Pill tone={stateTone(i.state)} testId="outbox-state">
                {t(`queue.states.${i.state}`)}
              </Pill>
            ),
          },
          { key: 'reason', header: t('queue.reason'), wide: true, cell: (i) => <Reason item={i} /> },
          {
            key: 'next',
            header: t('queue.next'),
            nowrap: true,
            cell: (i) =>
              i.state === 'queued' && i.nextAttemptAt ? t('queue.nextAt', { time: time(i.nextAttemptAt) }) : t('queue.nextNone'),
          },
          {
            key: 'actions',
            header: '',
            nowrap: true,
            cell: (i) => (
              <span className="row-actions-inline">
                <button
                  type="button"
                  className="btn btn-small"
                  data-testid="outbox-retry"
                  disabled={i.state === 'working'}
                  onClick={() => void retry(i.id).catch((e: unknown) => logWarning('retry failed', e))}
                >
                  {t('queue.retryNow')}
                </button>{' '}
                <button type="button" className="btn btn-small btn-quiet" data-testid="outbox-discard" onClick={() => setConfirming(i)}>
                  {t('queue.discard')}
                </button>
              </span>
            ),
          },
        ]}
        details={(i) => (
          <div className="small">
            <div>{t('queue.path', { path: i.path })}</div>
            <div>{t(`queue.step.${i.step}`, { id: i.documentId ?? '' })}</div>
            <div>{t('queue.attempts', { count: i.attempts })}</div>
          </div>
        )}
      />
      {confirming && <DiscardDialog item={confirming} onClose={() => setConfirming(null)} />}
    </section>
  );
}
