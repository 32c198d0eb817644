/** The selected files (or a job's files): name, size, status, upload progress, remove. */
import { useTranslation } from 'react-i18next';
import type { ErrorView, FileJobView, FileStatus } from '../../src-main/ipc/contract';
import { formatSize } from './format';
import { useFormattedError, useLanguage } from './common';

/** What a row shows of a file: a job's file view, or a selected file not yet in a job. */
export type FileRow = Pick<FileJobView, 'handle' | 'name' | 'size' | 'status' | 'progress' | 'sigexIdInName' | 'error'>;

const TONE: Record<FileStatus, string> = {
  pending: 'neutral',
  'already-signed': 'warn',
  signing: 'busy',
  signed: 'busy',
  registering: 'busy',
  uploading: 'busy',
  saving: 'busy',
  registered: 'ok',
  queued: 'warn',
  failed: 'error',
  cancelled: 'neutral',
};

function RowError({ error }: { error: ErrorView }) {
  const formatted = useFormattedError(error);
  if (!formatted) return null;
  return <div className="row-error">{formatted.message}</div>;
}

export function FileList(props: { rows: FileRow[]; onRemove?: (handle: string) => void; label?: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  return (
    <div className="file-list-wrap">
      <table className="file-list">
        <caption className="visually-hidden">{props.label ?? t('sign:selected.listLabel')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('sign:fileList.name')}</th>
            <th scope="col" className="col-size">
              {t('sign:fileList.size')}
            </th>
            <th scope="col" className="col-status">
              {t('sign:fileList.status')}
            </th>
            {props.onRemove && (
              <th scope="col" className="col-actions">
                <span className="visually-hidden">{t('sign:fileList.actions')}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.handle} data-testid="file-row" data-status={row.status} className={`row-${TONE[row.status]}`}>
              <td className="col-name">
                <span className="file-name">{row.name}</span>
                {row.sigexIdInName && <div className="row-note">{t('sign:fileList.alreadySignedId', { id: row.sigexIdInName })}</div>}
                {row.error && row.status !== 'already-signed' && <RowError error={row.error} />}
              </td>
              <td className="col-size">{formatSize(row.size, t, lang)}</td>
              <td className="col-status">
                <span className={`badge badge-${TONE[row.status]}`} title={t(`sign:status.${row.status}`)}>
                  {t(`sign:status.${row.status}`)}
                </span>
                {row.progress && row.progress.total > 0 && (
                  <progress
                    className="row-progress"
                    max={row.progress.total}
                    value={row.progress.sent}
                    aria-label={t('sign:fileList.progressLabel', { name: row.name })}
                  />
                )}
              </td>
              {props.onRemove && (
                <td className="col-actions">
                  <button
                    type="button"
                    className="btn btn-small btn-quiet"
                    aria-label={t('common:actions.removeFile', { name: row.name })}
                    onClick={() => props.onRemove?.(row.handle)}
                  >
                    {t('common:actions.remove')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
