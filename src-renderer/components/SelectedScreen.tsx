/**
 * Files chosen: one file -> the seed's sentence, several -> a list. Then recipients, the
 * collapsed advanced settings (templates inside, a one-line summary outside) and the two ways
 * to sign.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFilesStore } from '../store/files';
import { useJobsStore, selectCurrentJob } from '../store/jobs';
import { useOptionsStore } from '../store/options';
import { useConnectionStore } from '../store/connection';
import { QR_MAX_FILE_BYTES, QR_MAX_TOTAL_BYTES } from '../../src-main/ipc/contract';
import { useSettingsStore } from '../store/settings';
import { AdvancedSettings } from './advanced/AdvancedSettings';
import { AlreadySignedRows } from './AlreadySignedRows';
import { PresetBar } from './advanced/PresetBar';
import { RecipientsInput } from './advanced/RecipientsInput';
import { FileList } from './FileList';
import { FilesProblems } from './FilesProblems';
import { formatSize } from './format';
import { useFocusOnMount, useLanguage } from './common';

export function SelectedScreen() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const files = useFilesStore((s) => s.files);
  const busy = useFilesStore((s) => s.busy);
  const { choose, remove, clear } = useFilesStore.getState();
  const valid = useOptionsStore((s) => s.valid);
  const settings = useSettingsStore((s) => s.settings);
  const setSettings = useSettingsStore((s) => s.setSettings);
  const job = useJobsStore(selectCurrentJob);
  const starting = useJobsStore((s) => s.starting);
  const { startSelected, reset } = useJobsStore.getState();
  const [advancedOpen, setAdvancedOpen] = useState(false);
  const advancedId = useId();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();

  const signable = files.filter((f) => !f.sigexIdInName);
  const skipped = files.length - signable.length;
  const cancelled = job?.phase === 'cancelled' || job?.error?.kind === 'cancelled';
  const canSign = signable.length > 0 && valid && !starting && !busy;
  const ncaLabel = signable.length > 1 ? t('sign:selected.signAllNcaLayer') : t('sign:selected.signNcaLayer');
  const single = files.length === 1 ? files[0] : undefined;
  // NCALayer known to be absent: eGov QR becomes the primary action (no 2.6 s dead end).
  const ncaAbsent = useConnectionStore((st) => st.status?.ncalayer?.state === 'not-running');
  const qrTotal = signable.reduce((sum, f) => sum + f.size, 0);
  const qrTooLarge = signable.some((f) => f.size > QR_MAX_FILE_BYTES) || (signable.length > 1 && qrTotal > QR_MAX_TOTAL_BYTES);
  const qrReasonId = useId();
  const alsoQrId = useId();
  // NCALayer is the main way: say beside it that eGov mobile / eGov Business work too (the seed's "You can also scan...").
  const alsoQr = !ncaAbsent && !qrTooLarge;

  const startOver = () => {
    reset();
    void clear();
  };

  return (
    <section className="panel selected" aria-labelledby="selected-heading">
      {cancelled && (
        <p className="notice" role="status">
          {t('sign:selected.cancelled')}
        </p>
      )}
      {single ? (
        <>
          <h1 id="selected-heading" className="panel-title" tabIndex={-1} ref={headingRef}>
            {t('sign:selected.one', { title: single.name })}
          </h1>
          <p className="muted">{formatSize(single.size, t, lang)}</p>
        </>
      ) : (
        <>
          <h1 id="selected-heading" className="panel-title" tabIndex={-1} ref={headingRef}>
            {t('sign:selected.many', { count: files.length })}
          </h1>
          <FileList
            rows={files.map((f) => ({ ...f, status: f.sigexIdInName ? 'already-signed' : 'pending' }))}
            onRemove={(h) => void remove(h)}
          />
          {skipped > 0 && signable.length > 0 && <p className="muted">{t('sign:selected.skippedAlreadySigned')}</p>}
          {skipped > 0 && signable.length > 0 && <AlreadySignedRows files={files.filter((f) => f.sigexIdInName)} />}
          {signable.length === 0 && (
            <p className="notice notice-warn" role="status">
              {t('sign:selected.nothingToSign')}
            </p>
          )}
        </>
      )}
      <div className={single ? 'row-actions add-files-row add-files-single' : 'row-actions add-files-row'}>
        <button type="button" className="btn btn-quiet add-files" data-testid="add-files" onClick={() => void choose()} disabled={busy}>
          {t('sign:selected.addFiles')}
        </button>
      </div>
      <FilesProblems />

      <div className="options">
        <RecipientsInput recentEmails={settings?.recentEmails ?? []} />
        <div className="disclosure">
          <button
            type="button"
            className="disclosure-toggle"
            aria-expanded={advancedOpen}
            aria-controls={advancedId}
            data-testid="advanced-toggle"
            onClick={() => setAdvancedOpen((o) => !o)}
          >
            <svg className="chevron" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
              <path d="M4 2l4 4-4 4" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
            {t('sign:selected.advanced')}
          </button>
          {!advancedOpen && <OptionsSummary />}
          <div id={advancedId} hidden={!advancedOpen}>
            {advancedOpen && (
              <>
                {/* The template belongs with the settings it loads and saves: a newcomer sees recipients and the summary only. */}
                {settings && <PresetBar settings={settings} onSettingsChange={setSettings} />}
                <AdvancedSettings />
              </>
            )}
          </div>
        </div>
      </div>

      {!valid && (
        <p className="notice notice-warn" role="status">
          {t('sign:selected.optionsInvalid')}
        </p>
      )}
      {ncaAbsent && (
        <p className="notice" role="status" data-testid="nca-absent-hint">
          {t('sign:selected.ncaAbsent')}
        </p>
      )}
      {qrTooLarge && (
        <p className="muted small" id={qrReasonId} data-testid="qr-too-large">
          {t('sign:selected.qrTooLarge', { limitMb: QR_MAX_FILE_BYTES / 1048576, totalMb: QR_MAX_TOTAL_BYTES / 1048576 })}
        </p>
      )}
      {/* Sticky: with several files at 800x600 the sign buttons stay in view, in one row (a
          label that does not fit is cut short, its whole text in the tooltip). */}
      <div className={ncaAbsent && !qrTooLarge ? 'actions actions-qr-first sticky-actions' : 'actions sticky-actions'}>
        <button
          type="button"
          className={ncaAbsent && !qrTooLarge ? 'btn btn-large' : 'btn btn-primary btn-large'}
          data-testid="sign-ncalayer"
          disabled={!canSign}
          onClick={() => void startSelected('ncalayer')}
          title={ncaLabel}
        >
          <span className="btn-label">{ncaLabel}</span>
        </button>
        <button
          type="button"
          className={ncaAbsent && !qrTooLarge ? 'btn btn-primary btn-large' : 'btn btn-large'}
          data-testid="sign-qr"
          disabled={!canSign || qrTooLarge}
          aria-describedby={qrTooLarge ? qrReasonId : alsoQr ? alsoQrId : undefined}
          onClick={() => void startSelected('qr')}
          title={t('sign:selected.signQr')}
        >
          <span className="btn-label">{t('sign:selected.signQr')}</span>
        </button>
        <button type="button" className="btn btn-quiet" data-testid="start-over" onClick={startOver} title={t('common:actions.startOver')}>
          <span className="btn-label">{t('common:actions.startOver')}</span>
        </button>
      </div>
      {alsoQr && (
        <p className="muted small also-qr" id={alsoQrId} data-testid="also-qr">
          {t('sign:selected.alsoQr', { button: t('sign:selected.signQr') })}
        </p>
      )}
    </section>
  );
}

/** With "Advanced settings" collapsed, everything that is not the plain default stays visible. */
export function OptionsSummary() {
  const { t } = useTranslation();
  const { options, form } = useOptionsStore();
  const s = options.settings;
  const parts: string[] = [];
  const recipients = form.emails.length;
  if (recipients > 0)
    parts.push(
      t(recipients === 1 ? 'sign:selected.summary.recipients_one' : 'sign:selected.summary.recipients_other', { count: recipients }),
    );
  if (s.signaturesLimit > 0) parts.push(t('sign:selected.summary.limit', { count: s.signaturesLimit }));
  if (s.private) parts.push(t('sign:selected.summary.private'));
  if (s.unique.length > 0) parts.push(t('sign:selected.summary.unique'));
  if (s.signersRequirements.length > 0) parts.push(t('sign:selected.summary.requirements'));
  if (s.documentAccess.length > 0) parts.push(t('sign:selected.summary.access', { count: s.documentAccess.length }));
  return (
    <p className={parts.length > 0 ? 'options-summary notice' : 'options-summary muted small'} data-testid="options-summary">
      {t('sign:selected.summary.label')} {parts.length > 0 ? parts.join(' · ') : t('sign:selected.summary.plain')}
    </p>
  );
}
