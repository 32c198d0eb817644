/**
 * History: every document registered from this computer, newest first. Search by name, id or
 * signer, filter by date; per row: open the document page, show the copy, save the copy again,
 * copy the id. "Export CSV" downloads the whole history (UTF-8 with BOM, for Excel).
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryEntry, HistoryPage } from '../../../src-main/ipc/contract';
import { logWarning, sigex, toErrorView, useAppStore } from '../../store/app';
import { CopyButton, ExternalLink, useLanguage } from '../common';
import { formatError } from '../../../src-shared/i18n/format-error';
import { CompactTable, Pill } from '../table/CompactTable';
import { localeTag } from '../format';

const PAGE = 500;

function Signer({ entry }: { entry: HistoryEntry }) {
  const { t } = useTranslation('outbox');
  if (!entry.signer) return <>—</>;
  const s = entry.signer;
  const id = s.bin ? t('history.bin', { value: s.bin }) : s.iin ? t('history.iin', { value: s.iin }) : '';
  return (
    <>
      <div>{s.name}</div>
      {id && <div className="muted small ct-nowrap">{id}</div>}
    </>
  );
}

function RowDetails({ entry }: { entry: HistoryEntry }) {
  const { t } = useTranslation('outbox');
  const lang = useLanguage();
  const [note, setNote] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const fail = (e: unknown) => {
    const f = formatError(toErrorView(e), lang);
    setNote({ tone: 'error', text: f.description ? `${f.message} ${f.description}` : f.message });
  };
  return (
    <div className="small" data-testid="history-details">
      <div>{t('history.original', { path: entry.path })}</div>
      <div>{entry.copyPath ? t('history.copy', { path: entry.copyPath }) : t('history.noCopy')}</div>
      <div>{t(`history.kinds.${entry.kind}`)}</div>
      <div className="row-actions">
        <ExternalLink href={entry.documentUrl} className="btn btn-small" testId="history-open-page">
          {t('history.openPage')}
        </ExternalLink>
        {entry.copyPath && (
          <button
            type="button"
            className="btn btn-small"
            data-testid="history-show-copy"
            onClick={() => void sigex().showHistoryCopy(entry.id).catch(fail)}
          >
            {t('history.showCopy')}
          </button>
        )}
        <button
          type="button"
          className="btn btn-small"
          data-testid="history-save-again"
          onClick={() =>
            void sigex()
              .saveHistoryCopy(entry.id)
              .then((saved) => setNote({ tone: 'ok', text: t('history.savedAgain', { name: saved.copyPath ?? '' }) }), fail)
          }
        >
          {t('history.saveAgain')}
        </button>
        <CopyButton text={entry.documentId} label={t('history.copyId')} className="btn btn-small btn-quiet" />
      </div>
      {note && (
        <p className={note.tone === 'ok' ? 'muted' : 'row-error'} role={note.tone === 'ok' ? 'status' : 'alert'} data-testid="history-note">
          {note.text}
        </p>
      )}
    </div>
  );
}

/** Offers text as a file download (the web host and Electron both handle <a download>). */
function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function HistoryView() {
  const { t } = useTranslation('outbox');
  const lang = useLanguage();
  const close = useAppStore((s) => s.closeHistory);
  const [text, setText] = useState('');
  const [since, setSince] = useState('');
  const [until, setUntil] = useState('');
  const [page, setPage] = useState<HistoryPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(() => searchRef.current?.focus(), []);
  useEffect(() => {
    let live = true;
    const q = { limit: PAGE, ...(text.trim() ? { text: text.trim() } : {}), ...(since ? { since } : {}), ...(until ? { until } : {}) };
    sigex()
      .queryHistory(q)
      .then(
        (p) => live && (setPage(p), setError(null)),
        (e: unknown) => live && setError(formatError(toErrorView(e), lang).message),
      );
    return () => {
      live = false;
    };
  }, [text, since, until, lang]);

  const when = (iso: string) => new Intl.DateTimeFormat(localeTag(lang), { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
  const exportCsv = async () => {
    try {
      download(`sigex-history-${new Date().toISOString().slice(0, 10)}.csv`, await sigex().exportHistoryCsv());
    } catch (e) {
      logWarning('history export failed', e);
      setError(t('history.exportFailed', { message: formatError(toErrorView(e), lang).message }));
    }
  };
  const filtered = text.trim() !== '' || since !== '' || until !== '';

  return (
    <section
      className="history-view"
      data-testid="history-view"
      aria-labelledby="history-title"
      onKeyDown={(e) => e.key === 'Escape' && close()}
    >
      <div className="history-head">
        <h1 id="history-title">{t('history.title')}</h1>
        <div className="actions">
          <button
            type="button"
            className="btn"
            data-testid="history-export"
            onClick={() => void exportCsv()}
            disabled={!page || page.total === 0}
          >
            {t('history.exportCsv')}
          </button>
          <button type="button" className="btn btn-quiet" data-testid="history-back" onClick={close}>
            {t('history.back')}
          </button>
        </div>
      </div>
      <p className="muted small">{t('history.intro')}</p>
      <div className="history-filters">
        <label className="history-search">
          {t('history.search')}
          <input ref={searchRef} type="search" value={text} onChange={(e) => setText(e.target.value)} data-testid="history-search" />
        </label>
        <label>
          {t('history.from')}
          <input type="date" value={since} onChange={(e) => setSince(e.target.value)} data-testid="history-since" />
        </label>
        <label>
          {t('history.to')}
          <input type="date" value={until} onChange={(e) => setUntil(e.target.value)} data-testid="history-until" />
        </label>
      </div>
      {error && (
        <p className="row-error" role="alert">
          {error}
        </p>
      )}
      {page && page.entries.length === 0 && <p data-testid="history-empty">{filtered ? t('history.noMatch') : t('history.empty')}</p>}
      {page && page.entries.length > 0 && (
        <>
          <CompactTable
            caption={t('history.title')}
            rows={page.entries}
            rowKey={(e) => e.id}
            testId="history-table"
            rowTestId="history-row"
            detailsText={{ show: t('history.details'), hide: t('history.hideDetails') }}
            rowName={(e) => e.name}
            columns={[
              { key: 'date', header: t('history.date'), nowrap: true, cell: (e) => when(e.registeredAt) },
              { key: 'name', header: t('history.name'), grow: true, cell: (e) => <span title={e.path}>{e.name}</span> },
              {
                key: 'id',
                header: t('history.documentId'),
                nowrap: true,
                cell: (e) => <code data-testid="history-id">{e.documentId}</code>,
              },
              { key: 'signer', header: t('history.signer'), wide: true, cell: (e) => <Signer entry={e} /> },
              {
                key: 'method',
                header: t('history.method'),
                nowrap: true,
                cell: (e) => <Pill tone={e.kind === 'cosign' ? 'info' : 'ok'}>{t(`history.methods.${e.method}`)}</Pill>,
              },
            ]}
            details={(e) => <RowDetails entry={e} />}
          />
          <p className="muted small" data-testid="history-count">
            {t('history.shown', { shown: page.entries.length, total: page.total })}
          </p>
        </>
      )}
    </section>
  );
}
