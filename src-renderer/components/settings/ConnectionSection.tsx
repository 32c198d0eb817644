/**
 * Connection settings: SIGEX and NCALayer addresses (saved with the view's [Save]), the extra
 * CA file (set at once through main's dialog) and "Test connection".
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo, ConnectionStatus, ErrorView, SettingsView as SettingsData } from '../../../src-main/ipc/contract';
import { formatError } from '../../../src-shared/i18n/format-error';
import { sigex } from '../../store/app';
import { useDescribeFailure } from '../advanced/fields';
import { useLanguage } from '../common';
import type { DraftErrors, SettingsDraft } from './settings-draft';

const ENV_NAMES = { sigexUrl: 'SIGEX_URL', ncalayerUrl: 'NCALAYER_URL', extraCaFile: 'NCALAYER_CA_FILE' } as const;

interface ConnectionSectionProps {
  draft: SettingsDraft;
  errors: DraftErrors;
  /** Show URL errors (after the field was left or Save was pressed). */
  showErrors: Partial<Record<'sigexUrl' | 'ncalayerUrl', boolean>>;
  settings: SettingsData;
  appInfo: AppInfo | null;
  busy: boolean;
  onDraft(patch: Partial<SettingsDraft>): void;
  onBlurField(field: 'sigexUrl' | 'ncalayerUrl'): void;
  /** Runs a main-side action that returns new settings (dialogs, clear). */
  onAction(action: () => Promise<SettingsData>): void;
}

export function ConnectionSection(props: ConnectionSectionProps) {
  const { draft, errors, showErrors, settings, appInfo, busy, onDraft, onBlurField, onAction } = props;
  const { t } = useTranslation('settings');
  const id = useId();
  const overridden = (key: keyof typeof ENV_NAMES) => appInfo?.overriddenByEnv.includes(key) ?? false;

  const urlField = (field: 'sigexUrl' | 'ncalayerUrl', testId: string, hint: string, label: string) => {
    const error = showErrors[field] ? errors[field] : undefined;
    const fieldId = `${id}-${field}`;
    const described = [`${fieldId}-hint`, error ? `${fieldId}-error` : '', overridden(field) ? `${fieldId}-env` : '']
      .filter(Boolean)
      .join(' ');
    return (
      <div className="set-field">
        <label htmlFor={fieldId} className="set-label">
          {label}
        </label>
        <input
          id={fieldId}
          type="text"
          inputMode="url"
          spellCheck={false}
          autoComplete="off"
          data-testid={testId}
          value={draft[field]}
          aria-invalid={error ? true : undefined}
          aria-describedby={described}
          onChange={(e) => onDraft({ [field]: e.target.value })}
          onBlur={() => onBlurField(field)}
        />
        <p id={`${fieldId}-hint`} className="set-hint">
          {hint}
        </p>
        {error && (
          <p id={`${fieldId}-error`} className="set-error" role="alert">
            {t(error)}
          </p>
        )}
        {overridden(field) && (
          <p id={`${fieldId}-env`} className="set-note" data-testid={`${testId}-env`}>
            {t('connection.overridden', { name: ENV_NAMES[field], value: appInfo?.[field] ?? '' })}
          </p>
        )}
      </div>
    );
  };

  return (
    <section className="set-section" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="set-section-title">
        {t('connection.title')}
      </h3>
      {urlField('sigexUrl', 'settings-sigex-url', t('connection.sigexUrlHint'), t('connection.sigexUrl'))}
      {urlField('ncalayerUrl', 'settings-ncalayer-url', t('connection.ncalayerUrlHint'), t('connection.ncalayerUrl'))}

      <div className="set-field" role="group" aria-labelledby={`${id}-ca`}>
        <span id={`${id}-ca`} className="set-label">
          {t('connection.extraCa')}
        </span>
        <div className="set-inline">
          <span className="set-path" data-testid="settings-extra-ca">
            {settings.extraCaFile ?? t('connection.extraCaNone')}
          </span>
          <button
            type="button"
            className="btn"
            data-testid="settings-choose-ca"
            disabled={busy}
            onClick={() => onAction(() => sigex().chooseCaFile())}
          >
            {t('connection.choose')}
          </button>
          {settings.extraCaFile && (
            <button
              type="button"
              className="btn"
              data-testid="settings-clear-ca"
              disabled={busy}
              onClick={() => onAction(() => sigex().updateSettings({ clearExtraCaFile: true }))}
            >
              {t('connection.clear')}
            </button>
          )}
        </div>
        <p className="set-hint">{t('connection.extraCaHint')}</p>
        {overridden('extraCaFile') && <p className="set-note">{t('connection.overriddenNoValue', { name: ENV_NAMES.extraCaFile })}</p>}
      </div>

      <ConnectionTest
        sigexUrl={draft.sigexUrl.trim()}
        ncalayerUrl={draft.ncalayerUrl.trim()}
        invalid={Boolean(errors.sigexUrl || errors.ncalayerUrl)}
        onInvalid={() => {
          onBlurField('sigexUrl');
          onBlurField('ncalayerUrl');
        }}
      />
    </section>
  );
}

type TestState =
  { phase: 'idle' } | { phase: 'testing' } | { phase: 'done'; status: ConnectionStatus } | { phase: 'failed'; message: string };

interface ConnectionTestProps {
  /** The addresses as typed (not yet saved): these are what gets tested. */
  sigexUrl: string;
  ncalayerUrl: string;
  invalid: boolean;
  /** Shows the address errors: nothing is tested until they are fixed. */
  onInvalid(): void;
}

function ConnectionTest({ sigexUrl, ncalayerUrl, invalid, onInvalid }: ConnectionTestProps) {
  const { t } = useTranslation('settings');
  const [state, setState] = useState<TestState>({ phase: 'idle' });
  const describeFailure = useDescribeFailure();

  const run = async () => {
    if (invalid) {
      onInvalid();
      setState({ phase: 'failed', message: t('connection.testInvalid') });
      return;
    }
    setState({ phase: 'testing' });
    try {
      setState({ phase: 'done', status: await sigex().testConnection({ sigexUrl, ncalayerUrl }) });
    } catch (e) {
      setState({ phase: 'failed', message: describeFailure(e) });
    }
  };

  return (
    <div className="set-field">
      <div className="set-inline">
        <button
          type="button"
          className="btn"
          data-testid="settings-test-connection"
          disabled={state.phase === 'testing'}
          onClick={() => void run()}
        >
          {state.phase === 'testing' ? t('connection.testing') : t('connection.test')}
        </button>
        <span className="set-hint">{t('connection.testHint')}</span>
      </div>
      <div role="status" aria-live="polite" className="set-results">
        {state.phase === 'failed' && <p className="set-error">{t('connection.testFailed', { message: state.message })}</p>}
        {state.phase === 'done' && <ConnectionResult status={state.status} />}
      </div>
    </div>
  );
}

type Tone = 'ok' | 'warn' | 'bad';
const ICONS: Record<Tone, string> = { ok: '✓', warn: '⚠', bad: '✕' };

function ResultLine({ tone, text, testId }: { tone: Tone; text: string; testId: string }) {
  return (
    <p className={`set-result set-result-${tone}`} data-testid={testId} data-state={tone}>
      <span className="set-result-icon" aria-hidden="true">
        {ICONS[tone]}
      </span>
      {text}
    </p>
  );
}

export function ConnectionResult({ status }: { status: ConnectionStatus }) {
  const { t } = useTranslation('settings');
  const lang = useLanguage();
  const { ncalayer, sigex: sigexState } = status;
  const explain = (view: ErrorView | undefined) => (view ? formatError(view, lang).message : '');
  const service = ncalayer.service ?? 'NCALayer';
  const ncalayerLine: [Tone, string] =
    ncalayer.state === 'ok'
      ? [
          'ok',
          ncalayer.version ? t('result.ncalayerOk', { service, version: ncalayer.version }) : t('result.ncalayerOkNoVersion', { service }),
        ]
      : ncalayer.state === 'not-running'
        ? ['bad', t('result.ncalayerNotRunning')]
        : ncalayer.state === 'untrusted'
          ? ['warn', `${t('common:ncalayerUntrusted')}. ${t('result.ncalayerUntrustedFix')}`]
          : ['bad', t('result.ncalayerError', { message: explain(ncalayer.error) })];
  const sigexLine: [Tone, string] =
    sigexState.state === 'ok'
      ? ['ok', sigexState.version ? t('result.sigexOk', { version: sigexState.version }) : t('result.sigexOkNoVersion')]
      : sigexState.state === 'offline'
        ? ['bad', t('result.sigexOffline')]
        : ['bad', t('result.sigexError', { message: explain(sigexState.error) })];
  return (
    <>
      <ResultLine tone={ncalayerLine[0]} text={ncalayerLine[1]} testId="settings-ncalayer-result" />
      <ResultLine tone={sigexLine[0]} text={sigexLine[1]} testId="settings-sigex-result" />
    </>
  );
}
